//! The printed form (getFormPdf and the form screen's 「PDF出力」): the form, its masked
//! variant for the review board, or the access-key-only sheet, drawn by `nsdb-pdf` from the
//! same presentation model as the screen. Reading goes through [`forms::get`] (scope check,
//! `open_form` in the operation log); the printout itself is logged as `print_form` with
//! the variant.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use nsdb_domain::DomainError;
use nsdb_forms::presentation::present;
use nsdb_forms::Program;
use nsdb_pdf::{KeySheet, MaskRule, PrintHeader, Variant};

use crate::error::{AppError, AppResult};
use crate::services::{audit, forms, unit_of_work, Caller};
use crate::state::AppState;

/// Which printout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfVariant {
    /// The whole form with its key and QR code (a draft: marked, without).
    Full,
    /// For the review board: identifying items masked, birth date as year and month, no
    /// access key (it opens the full record).
    Masked,
    /// The access key, its QR code and who it is for; nothing clinical.
    KeyOnly,
}

impl PdfVariant {
    /// `?variant=`: absent → the whole form; `masked`; `key-only`.
    pub fn parse(v: Option<&str>) -> AppResult<PdfVariant> {
        match v.map(str::trim) {
            None | Some("") | Some("full") => Ok(PdfVariant::Full),
            Some("masked") => Ok(PdfVariant::Masked),
            Some("key-only") => Ok(PdfVariant::KeyOnly),
            Some(_) => Err(DomainError::invalid(
                "variant",
                "variant は masked または key-only を指定します（指定なしで臨個票・意見書全体）。",
            )
            .into()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PdfVariant::Full => "full",
            PdfVariant::Masked => "masked",
            PdfVariant::KeyOnly => "key-only",
        }
    }
}

/// A rendered PDF and the file name to offer.
pub struct FormPdf {
    pub bytes: Vec<u8>,
    pub filename: String,
}

impl IntoResponse for FormPdf {
    /// `application/pdf`, shown in the browser (`inline`) with a file name to save under;
    /// never cached (it holds personal data).
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{}\"", self.filename),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            self.bytes,
        )
            .into_response()
    }
}

fn program_label(p: Program) -> &'static str {
    match p {
        Program::Nanbyo => "指定難病",
        Program::Shoman => "小児慢性特定疾病",
    }
}

/// Japan time, to the minute (as the screens show it).
fn japan_time(t: DateTime<Utc>) -> String {
    (t + chrono::Duration::hours(9))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

pub async fn render(
    state: &AppState,
    caller: &Caller,
    id: &str,
    variant: PdfVariant,
) -> AppResult<FormPdf> {
    let form = forms::get(state, caller, id).await?;
    if variant == PdfVariant::KeyOnly && form.access_key.is_none() {
        return Err(DomainError::Conflict(
            "アクセスキーのみの出力は、承認（確定）してアクセスキーが発行された臨個票・意見書に限られます。"
                .into(),
        )
        .into());
    }
    unit_of_work::change!(&state.store, |tx| {
        audit::record(
            tx,
            caller,
            "print_form",
            Some(id),
            audit::scope_of_account(&caller.account),
            Some(variant.as_str()),
        )
        .await?;
        Ok(())
    })?;

    let def = &form.definition;
    let key = form.access_key.as_ref().map(|k| k.grouped());
    let content_hash = form.answers.content_hash();
    let confirmed_on = form.row.confirmed.as_ref().map(|c| japan_time(c.at));
    let printed_at = japan_time(Utc::now());
    let institution = form.row.institution_name.clone();
    let disease = def.disease_name.clone();
    let program = program_label(def.program).to_owned();
    let stem = format!("{}-{}", def.id, &form.row.id);
    let (bytes, suffix) = if variant == PdfVariant::KeyOnly {
        let sheet = KeySheet {
            access_key: key.unwrap_or_default(),
            content_hash,
            patient_name: form.patient.details.full_name(),
            disease,
            program,
            definition_id: def.id.clone(),
            confirmed_on: confirmed_on.unwrap_or_default(),
            institution,
            printed_at,
        };
        let bytes = tokio::task::spawn_blocking(move || nsdb_pdf::render_key_sheet(&sheet))
            .await
            .map_err(|e| AppError::Internal(format!("PDF task: {e}")))?;
        (bytes, "key")
    } else {
        let presentation = present(
            def,
            &form.answers,
            form.row.application_kind,
            &form.shown_evaluation()?,
        );
        let header = PrintHeader {
            disease,
            program,
            state: form.row.state.label().to_owned(),
            access_key: key,
            content_hash,
            confirmed_on,
            institution,
            // The 指定医 who confirmed the form; before 確定, the one asked to approve it.
            doctor: match (&form.row.confirmed, &form.row.approver) {
                (Some(confirmation), _) => confirmation.by_name.clone(),
                (None, Some((_, name))) => name.clone(),
                (None, None) => String::new(),
            },
            printed_at,
        };
        let pdf_variant = match variant {
            PdfVariant::Masked => Variant::Masked(MaskRule::review_board()),
            _ => Variant::Full,
        };
        let bytes = tokio::task::spawn_blocking(move || {
            nsdb_pdf::render_form(&presentation, &header, &pdf_variant)
        })
        .await
        .map_err(|e| AppError::Internal(format!("PDF task: {e}")))?;
        (
            bytes,
            if variant == PdfVariant::Masked {
                "masked"
            } else {
                "form"
            },
        )
    };
    let bytes = bytes.map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(FormPdf {
        bytes,
        filename: format!("{stem}-{suffix}.pdf"),
    })
}
