//! The boundary's length limit: no value of a JSON body or an HTML form may exceed
//! [`MAX_FIELD_CHARS`], whatever the field, before a handler or service sees it. Fields with
//! a known shape have tighter limits in `nsdb_domain::limits`, checked by their services.
use crate::error::AppError;
use nsdb_domain::limits::{too_long, MAX_FIELD_CHARS};
use serde_json::Value;

/// Refuses the first string (or object key) of `value` longer than the limit, naming its
/// path (`items.family_name`, `rows[3]`).
pub fn check_json(value: &Value) -> Result<(), AppError> {
    fn walk(value: &Value, path: &mut String) -> Result<(), AppError> {
        match value {
            Value::String(s) => check(path, s),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            Value::Object(fields) => {
                for (key, item) in fields {
                    check(path, key)?;
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    walk(item, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
        }
    }
    walk(value, &mut String::new())
}

/// Refuses the first name or value of an `application/x-www-form-urlencoded` body longer
/// than the limit, naming the field.
pub fn check_form(body: &[u8]) -> Result<(), AppError> {
    for (name, value) in form_urlencoded::parse(body) {
        check(&name, &name)?;
        check(&name, &value)?;
    }
    Ok(())
}

fn check(field: &str, text: &str) -> Result<(), AppError> {
    // Bytes bound characters from above: most values need no count.
    if text.len() > MAX_FIELD_CHARS && text.chars().count() > MAX_FIELD_CHARS {
        let field = if field.is_empty() { "body" } else { field };
        return Err(too_long(field, "入力値", MAX_FIELD_CHARS).into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refused_field(r: Result<(), AppError>) -> String {
        match r {
            Err(AppError::Domain(nsdb_domain::DomainError::Invalid { field, .. })) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn json_values_at_the_limit_pass_and_one_more_is_refused_by_path() {
        let at = "あ".repeat(MAX_FIELD_CHARS);
        let over = "a".repeat(MAX_FIELD_CHARS + 1);
        assert!(check_json(&json!({"items": {"note": at}})).is_ok());
        assert_eq!(
            refused_field(check_json(&json!({"items": {"note": over}}))),
            "items.note"
        );
        assert_eq!(
            refused_field(check_json(&json!({"rows": ["ok", over]}))),
            "rows[1]"
        );
        assert_eq!(
            refused_field(check_json(&json!({ over.clone(): 1 }))),
            "body"
        );
        assert_eq!(refused_field(check_json(&json!(over))), "body");
    }

    #[test]
    fn form_values_and_names_are_limited() {
        let over = "a".repeat(MAX_FIELD_CHARS + 1);
        assert!(check_form(b"name=%E5%B1%B1%E7%94%B0&x=").is_ok());
        assert_eq!(
            refused_field(check_form(format!("name={over}").as_bytes())),
            "name"
        );
    }
}
