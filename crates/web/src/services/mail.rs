//! Outgoing mail: through SMTP when configured, else only to the outbox (the database
//! row already written, plus a file under `<data>/outbox/` the operator can read).
use crate::state::AppState;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use nsdb_store::MailRow;

/// Writes the outbox file, then hands the mail to SMTP in the background: a request never
/// waits on the relay, so its answer takes the same time whether or not it sent mail.
pub async fn deliver(state: &AppState, mail: &MailRow) {
    let dir = state.config.outbox_dir();
    let file = dir.join(format!("{}.txt", mail.id));
    let text = format!(
        "To: {}\nSubject: {}\nDate: {}\n\n{}",
        mail.recipient, mail.subject, mail.created_at, mail.body
    );
    if let Err(e) = tokio::fs::create_dir_all(&dir).await {
        tracing::warn!(error = %e, "outbox directory");
    } else if let Err(e) = tokio::fs::write(&file, text).await {
        tracing::warn!(error = %e, "outbox file");
    }
    if state.config.smtp.is_some() {
        let (state, mail) = (state.clone(), mail.clone());
        tokio::spawn(async move { send_by_smtp(&state, &mail).await });
    }
}

async fn send_by_smtp(state: &AppState, mail: &MailRow) {
    let Some(smtp) = &state.config.smtp else {
        return;
    };
    let message = Message::builder()
        .from(match smtp.from.parse() {
            Ok(f) => f,
            Err(e) => return tracing::error!(error = %e, "smtp from address"),
        })
        .to(match mail.recipient.parse() {
            Ok(t) => t,
            Err(e) => return tracing::warn!(error = %e, "recipient address"),
        })
        .subject(&mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone());
    let message = match message {
        Ok(m) => m,
        Err(e) => return tracing::error!(error = %e, "mail build"),
    };
    let builder = if smtp.starttls {
        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
    } else {
        Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            &smtp.host,
        ))
    };
    let mut builder = match builder {
        Ok(b) => b.port(smtp.port),
        Err(e) => return tracing::error!(error = %e, "smtp relay"),
    };
    if let (Some(user), Some(pass)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
    }
    match builder.build().send(message).await {
        Ok(_) => {
            let marked = super::unit_of_work::change!(&state.store, |tx| {
                tx.mark_mail_sent(&mail.id).await?;
                Ok(())
            });
            if let Err(e) = marked {
                // Sent, but still listed as waiting: the operator may see it twice.
                tracing::error!(error = ?e, "mail sent but not marked as sent");
            }
        }
        Err(e) => tracing::error!(error = %e, "smtp send failed; the mail stays in the outbox"),
    }
}
