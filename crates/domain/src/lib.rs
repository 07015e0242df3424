//! Domain layer of NSDB: organizations, roles, identifiers, account rules and the
//! authorization policy. Pure: no I/O. The web layer's services must ask this crate
//! before any change, so the rules hold for the UI and the API alike.

pub mod credentials;
pub mod data_keys;
pub mod error;
pub mod form;
pub mod identifiers;
pub mod job;
pub mod limits;
pub mod lockout;
pub mod model;
pub mod patient;
pub mod policy;
pub mod renewal_use;
pub mod time;

pub use error::{DomainError, FieldError, FieldErrors};
