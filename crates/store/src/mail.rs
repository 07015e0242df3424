use crate::db::{StoreError, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailRow {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

impl Tx {
    pub async fn insert_mail(
        &mut self,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> Result<MailRow, StoreError> {
        let id = crate::new_id();
        let now = crate::now_text();
        sqlx::query("INSERT INTO outbox_mails (id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(recipient)
            .bind(subject)
            .bind(body)
            .bind(&now)
            .execute(self.conn())
            .await?;
        Ok(MailRow {
            id,
            recipient: recipient.into(),
            subject: subject.into(),
            body: body.into(),
            created_at: now,
            sent_at: None,
        })
    }

    pub async fn mark_mail_sent(&mut self, id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox_mails SET sent_at = $1 WHERE id = $2")
            .bind(crate::now_text())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn recent_mails(&mut self, limit: i64) -> Result<Vec<MailRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, recipient, subject, body, created_at, sent_at FROM outbox_mails ORDER BY created_at DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.conn())
        .await?)
    }
}
