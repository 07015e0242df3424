//! Schemas the API needs beyond the engine's own types (which describe themselves with the
//! engine's `openapi` feature): a form's answers, and reading a frozen evaluation back.
use crate::error::{AppError, AppResult};
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

/// A part (`findings`, `determination`) of the evaluation frozen at 確定, read back.
pub fn frozen<U: DeserializeOwned>(evaluation: &serde_json::Value, part: &str) -> AppResult<U> {
    U::deserialize(&evaluation[part])
        .map_err(|e| AppError::Internal(format!("the frozen evaluation's {part}: {e}")))
}

/// One answer of a form, as `items` carries it (the engine's `nsdb_forms::Answer`): a date
/// `"YYYY-MM-DD"`, a year-month `"YYYY-MM"`, a code `"1"`, a number (or a decimal string, kept
/// as typed: `"37.80"`), `"not_done"` for a lab value not measured, `true`/`false`, an array
/// of codes, or, for a repeatable group, an array of rows (field id → answer); `null` is blank.
/// Described by hand: the engine's type deserializes by JSON type, which no derive expresses.
pub struct Answer;

impl utoipa::PartialSchema for Answer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{
            AnyOfBuilder, ArrayBuilder, ObjectBuilder, SchemaType, Type,
        };
        use utoipa::openapi::Ref;
        let of = |t: Type| ObjectBuilder::new().schema_type(SchemaType::new(t));
        AnyOfBuilder::new()
            .item(of(Type::Null))
            .item(of(Type::Boolean))
            .item(of(Type::Number))
            .item(of(Type::String))
            .item(
                ArrayBuilder::new()
                    .items(of(Type::String))
                    .description(Some("codes")),
            )
            .item(
                ArrayBuilder::new()
                    .items(
                        of(Type::Object).additional_properties(Some(Ref::from_schema_name(
                            <Self as ToSchema>::name(),
                        ))),
                    )
                    .description(Some("rows of a repeatable group: field id → answer")),
            )
            .description(Some(
                "One answer: null (blank), a boolean, a number, a string (date, year-month, \
                 code, decimal as typed, text, `not_done`), an array of codes or an array of rows.",
            ))
            .into()
    }
}

impl ToSchema for Answer {
    fn name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }
}
