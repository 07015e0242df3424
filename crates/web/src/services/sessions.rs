//! Log-in, sessions, first log-in, key files and password resets (domain.md "Log-in").
use super::unit_of_work;
use super::{audit, principal_of, Caller};
use crate::error::{AppError, AppResult};
use crate::rate_limit::Guarded;
use crate::state::AppState;
use chrono::Utc;
use nsdb_domain::credentials::{self, presented_key_hash};
use nsdb_domain::identifiers::CertificateFingerprint;
use nsdb_domain::limits;
use nsdb_domain::lockout::AttemptState;
use nsdb_domain::time::{format_timestamp, parse_timestamp, today_in_japan};
use nsdb_domain::{policy, DomainError};
use nsdb_store::{AccountRow, MailRow, NewLogEntry, Tx};
use subtle::ConstantTimeEq;

/// The mailed key-registration code: readable characters, valid for 30 minutes, void after
/// five wrong tries (8 characters of 55: a guess succeeds once in 10^13).
const KEY_CODE_LENGTH: usize = 8;
const KEY_CODE_VALIDITY: chrono::Duration = chrono::Duration::minutes(30);
const KEY_CODE_TRIES: i64 = 5;

/// A session's last use is written at most this often (or a tenth of the idle time-out if
/// shorter): reading a session costs no write, and the idle time-out stays exact to within it.
const SESSION_TOUCH_INTERVAL: chrono::Duration = chrono::Duration::seconds(60);

pub use nsdb_domain::model::SessionScope as Scope;

pub struct LoginOutcome {
    pub token: String,
    pub csrf_token: String,
    pub scope: Scope,
    pub account: AccountRow,
}

const BAD_CREDENTIALS: &str = "ログインID、パスワードまたは暗号化鍵ファイルが正しくありません。";

async fn log_login(
    tx: &mut Tx,
    login_id: &str,
    account: Option<&AccountRow>,
    action: &str,
    result: &str,
    client: Option<&str>,
    detail: Option<&str>,
) -> AppResult<()> {
    tx.append_log(&NewLogEntry {
        actor_login_id: Some(login_id),
        actor_organization_id: account.map(|a| a.organization_id.as_str()),
        municipality_scope: account.and_then(audit::scope_of_account),
        action,
        target: Some(login_id),
        result,
        client_address: client,
        detail,
    })
    .await?;
    Ok(())
}

async fn attempt_state(tx: &mut Tx, login_id: &str) -> AppResult<AttemptState> {
    Ok(tx
        .login_attempts(login_id)
        .await?
        .map(|(failures, locked_at)| AttemptState {
            failures: failures as u32,
            locked_at: locked_at.as_deref().and_then(parse_timestamp),
        })
        .unwrap_or_default())
}

/// With client certificates required (`nsdb serve --client-ca`): refuses (403) an account
/// that the connection's certificate does not admit (`policy::ensure_certificate_admits`).
async fn ensure_certificate_admits(
    state: &AppState,
    tx: &mut Tx,
    account: &AccountRow,
    certificate: Option<&CertificateFingerprint>,
) -> AppResult<()> {
    if !state.config.client_certificates_required {
        return Ok(());
    }
    let principal = principal_of(account);
    let approved_concurrent = if principal.role.is_doctor() {
        tx.approved_concurrent_institutions(&account.id).await?
    } else {
        Vec::new()
    };
    let registered_with = match certificate {
        Some(fingerprint) => Some(tx.institutions_of_certificate(fingerprint.as_str()).await?),
        None => None,
    };
    policy::ensure_certificate_admits(
        &principal,
        &approved_concurrent,
        registered_with.as_deref(),
    )?;
    Ok(())
}

/// ID + password (+ key file after the first log-in). Failures answer alike whether or not
/// the ID exists; the fifth consecutive failure locks the ID. With client certificates
/// required, right credentials from a terminal whose certificate does not admit the account
/// are refused (403, logged) without counting as a failure.
pub async fn login(
    state: &AppState,
    login_id: &str,
    password: &str,
    key_file: Option<&str>,
    client: Option<&str>,
    certificate: Option<&CertificateFingerprint>,
) -> AppResult<LoginOutcome> {
    state.rate_limits.ensure_allowed(Guarded::Login, client)?;
    let login_id = login_id.trim();
    limits::LOGIN_ID.check(login_id)?;
    limits::PASSWORD.check(password)?;
    if let Some(key_file) = key_file {
        limits::KEY_FILE.check(key_file)?;
    }
    let policy = state.config.lockout;
    // Argon2 takes tens of milliseconds: it runs on the blocking pool with no transaction
    // open (SQLite has one writer; a transaction held meanwhile would queue every other
    // request behind each log-in). The account is read first, the outcome written after.
    let (known_hash, locked_before) = {
        let mut tx = state.store.begin_read().await?;
        let attempts = attempt_state(&mut tx, login_id).await?;
        let account = tx.account_by_login_id(login_id).await?;
        (
            account.map(|a| a.password_hash),
            policy.is_locked(&attempts, Utc::now()),
        )
    };
    // A locked ID is refused without hashing: flooding it costs the server nothing.
    let password_ok = !locked_before && {
        let hash = known_hash.as_deref().unwrap_or(credentials::decoy_hash());
        verify_in_background(password, hash).await?
    };
    let now = Utc::now();
    let attempt = unit_of_work::change!(&state.store, |tx| {
        record_login_attempt(
            state,
            tx,
            login_id,
            &known_hash,
            password_ok,
            key_file,
            client,
            certificate,
            now,
        )
        .await
    })?;
    match attempt {
        LoginAttempt::Refused {
            error,
            counts_as_failure,
        } => {
            if counts_as_failure {
                state.rate_limits.count_failure(Guarded::Login, client);
            }
            Err(error)
        }
        LoginAttempt::Admitted { outcome, code_mail } => {
            if let Some(mail) = code_mail {
                super::mail::deliver(state, &mail).await;
            }
            Ok(*outcome)
        }
    }
}

/// What the unit of work of a log-in decided; mail and rate-limit counts follow its commit.
enum LoginAttempt {
    Refused {
        error: AppError,
        counts_as_failure: bool,
    },
    Admitted {
        outcome: Box<LoginOutcome>,
        code_mail: Option<MailRow>,
    },
}

/// The write half of a log-in: lock-out state, the session and the log entries, on the
/// caller's transaction. The password was verified before (`password_ok`, against
/// `known_hash`).
#[allow(clippy::too_many_arguments)]
async fn record_login_attempt(
    state: &AppState,
    tx: &mut Tx,
    login_id: &str,
    known_hash: &Option<String>,
    password_ok: bool,
    key_file: Option<&str>,
    client: Option<&str>,
    certificate: Option<&CertificateFingerprint>,
    now: chrono::DateTime<Utc>,
) -> AppResult<LoginAttempt> {
    let policy = state.config.lockout;
    let attempts = attempt_state(tx, login_id).await?;
    let account = tx.account_by_login_id(login_id).await?;
    if policy.is_locked(&attempts, now) {
        log_login(
            tx,
            login_id,
            account.as_ref(),
            "login",
            audit::FAILED,
            client,
            Some("locked"),
        )
        .await?;
        return Ok(LoginAttempt::Refused {
            error: DomainError::Locked(policy.locked_message()).into(),
            counts_as_failure: true,
        });
    }
    // The password was verified against the hash read before; a change in between fails.
    let password_ok =
        password_ok && account.as_ref().map(|a| &a.password_hash) == known_hash.as_ref();
    let scope = match (&account, password_ok) {
        (Some(a), true) if a.first_login_pending => Some(Scope::FirstLogin),
        (Some(a), true) => match &a.key_hash {
            None => Some(Scope::KeyRegistration),
            Some(expected) => match key_file.and_then(|k| presented_key_hash(k, login_id)) {
                Some(presented) if &presented == expected => Some(Scope::Full),
                _ => None,
            },
        },
        _ => None,
    };
    let Some(scope) = scope else {
        let next = policy.after_failure(&attempts, now);
        let locked_now = next.locked_at.is_some() && attempts.locked_at.is_none()
            || policy.lock_expired(&attempts, now) && next.locked_at.is_some();
        tx.save_login_attempts(
            login_id,
            i64::from(next.failures),
            next.locked_at.map(format_timestamp).as_deref(),
        )
        .await?;
        let reason = if password_ok { "key_file" } else { "password" };
        log_login(
            tx,
            login_id,
            account.as_ref(),
            "login",
            audit::FAILED,
            client,
            Some(reason),
        )
        .await?;
        if locked_now {
            log_login(
                tx,
                login_id,
                account.as_ref(),
                "lock",
                audit::OK,
                client,
                None,
            )
            .await?;
        }
        return Ok(LoginAttempt::Refused {
            error: if locked_now {
                DomainError::Locked(policy.locked_message())
            } else {
                DomainError::Unauthenticated(BAD_CREDENTIALS.into())
            }
            .into(),
            counts_as_failure: true,
        });
    };
    let Some(account) = account else {
        return Err(AppError::Internal(
            "a log-in scope without an account".into(),
        ));
    };
    // Right credentials, but the account may not be used (here, or at all): refused after
    // the credentials so that the refusal tells a guesser nothing.
    let refusal = match account_in_force(tx, &account, now).await? {
        Err(expired) => Some((AppError::from(expired), "designation_expired")),
        Ok(()) => ensure_certificate_admits(state, tx, &account, certificate)
            .await
            .err()
            .map(|refused| (refused, "client_certificate")),
    };
    if let Some((refusal, reason)) = refusal {
        log_login(
            tx,
            login_id,
            Some(&account),
            "login",
            audit::FAILED,
            client,
            Some(reason),
        )
        .await?;
        return Ok(LoginAttempt::Refused {
            error: refusal,
            counts_as_failure: false,
        });
    }
    tx.clear_login_attempts(login_id).await?;
    let token = credentials::random_token();
    let csrf_token = credentials::random_token();
    tx.insert_session(
        &credentials::token_hash(&token),
        &account.id,
        scope,
        &csrf_token,
        client,
    )
    .await?;
    log_login(
        tx,
        login_id,
        Some(&account),
        "login",
        audit::OK,
        client,
        Some(scope.as_str()),
    )
    .await?;
    let code_mail = if scope == Scope::KeyRegistration {
        send_key_registration_code(tx, &account).await?
    } else {
        None
    };
    Ok(LoginAttempt::Admitted {
        outcome: Box::new(LoginOutcome {
            token,
            csrf_token,
            scope,
            account,
        }),
        code_mail,
    })
}

/// Whether the account may be used today; the refusal names the 自治体 that issued it.
async fn account_in_force(
    tx: &mut Tx,
    account: &AccountRow,
    now: chrono::DateTime<Utc>,
) -> AppResult<Result<(), DomainError>> {
    let principal = principal_of(account);
    if !policy::designation_expired(&principal, today_in_japan(now)) {
        return Ok(Ok(()));
    }
    let issuer = match &account.issued_by {
        Some(id) => tx.organization_by_id(id).await?.map(|o| o.name),
        None => None,
    }
    .unwrap_or_else(|| "自治体".to_owned());
    Ok(policy::ensure_account_in_force(
        &principal,
        today_in_japan(now),
        &issuer,
    ))
}

/// The caller behind a session token, if the session is live; expired sessions are ended.
/// With client certificates required, a session used from a terminal whose certificate does
/// not admit its account is refused (403) on every request.
pub async fn authenticate(
    state: &AppState,
    token: &str,
    client: Option<&str>,
    certificate: Option<&CertificateFingerprint>,
) -> AppResult<Option<(Caller, Scope)>> {
    let hash = credentials::token_hash(token);
    // Every request passes here: it reads without waiting for the writer, and writes only
    // to end a session or to note, at most every TOUCH interval, that it is still in use.
    let (session, account) = match state.store.session_with_account(&hash).await? {
        Some((session, account)) => (session, Some(account)),
        // No such session — or one whose account is gone, which ends below.
        None => match unit_of_work::read!(&state.store, |tx| { Ok(tx.session(&hash).await?) })? {
            Some(session) => (session, None),
            None => return Ok(None),
        },
    };
    let now = Utc::now();
    let last_seen = session.last_seen_at;
    let expired = now - last_seen > state.config.idle_timeout
        || now - session.created_at > state.config.absolute_timeout;
    let account = account.filter(|a| {
        !expired && !policy::designation_expired(&principal_of(a), today_in_japan(now))
    });
    let Some(account) = account else {
        // Ended by time, or the designation ran out during the session: the next log-in
        // says why.
        unit_of_work::change!(&state.store, |tx| {
            tx.delete_session(&hash).await?;
            Ok(())
        })?;
        return Ok(None);
    };
    if state.config.client_certificates_required {
        unit_of_work::read!(&state.store, |tx| {
            ensure_certificate_admits(state, tx, &account, certificate).await
        })?;
    }
    let touch_after = std::cmp::min(SESSION_TOUCH_INTERVAL, state.config.idle_timeout / 10);
    if now - last_seen >= touch_after {
        unit_of_work::change!(&state.store, |tx| {
            tx.touch_session(&hash).await?;
            Ok(())
        })?;
    }
    let scope = session.scope;
    Ok(Some((
        Caller {
            principal: principal_of(&account),
            account,
            session_hash: hash,
            csrf_token: session.csrf_token,
            client_address: client.map(str::to_owned),
        },
        scope,
    )))
}

pub async fn logout(state: &AppState, caller: &Caller) -> AppResult<()> {
    unit_of_work::change!(&state.store, |tx| {
        tx.delete_session(&caller.session_hash).await?;
        audit::record(
            tx,
            caller,
            "logout",
            Some(&caller.account.login_id),
            None,
            None,
        )
        .await?;
        Ok(())
    })
}

fn check_email(email: &str) -> AppResult<String> {
    let email = email.trim();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(char::is_whitespace)
        });
    if valid {
        Ok(email.to_owned())
    } else {
        Err(DomainError::invalid(
            "email",
            "メールアドレス: 「name@example.jp」の形で入力してください。",
        )
        .into())
    }
}

/// Argon2 verification on the blocking pool: it takes tens of milliseconds of CPU, which on
/// an async worker would stall every request scheduled there.
async fn verify_in_background(password: &str, hash: &str) -> AppResult<bool> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || credentials::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn hash_in_background(password: &str) -> AppResult<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || credentials::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Issues a new key file and upgrades the session to full use.
async fn issue_key(tx: &mut Tx, caller: &Caller) -> AppResult<String> {
    let key = credentials::issue_key_file(&caller.account.login_id, &format_timestamp(Utc::now()));
    tx.set_key_hash(&caller.account.id, Some(&key.secret_hash))
        .await?;
    // Other sessions of the account end; this one continues with full rights.
    tx.delete_sessions_of(&caller.account.id).await?;
    tx.insert_session(
        &caller.session_hash,
        &caller.account.id,
        Scope::Full,
        &caller.csrf_token,
        caller.client_address.as_deref(),
    )
    .await?;
    Ok(key.text)
}

/// First log-in: set e-mail and a new password, receive the key file.
pub async fn complete_first_login(
    state: &AppState,
    caller: &Caller,
    email: &str,
    new_password: &str,
) -> AppResult<String> {
    limits::EMAIL.check(email.trim())?;
    let email = check_email(email)?;
    credentials::check_password_policy(new_password, &caller.account.login_id)?;
    if verify_in_background(new_password, &caller.account.password_hash).await? {
        return Err(DomainError::invalid(
            "new_password",
            "新しいパスワード: 初期パスワードとは別のパスワードにしてください。",
        )
        .into());
    }
    let hash = hash_in_background(new_password).await?;
    unit_of_work::change!(&state.store, |tx| {
        tx.set_email(&caller.account.id, &email).await?;
        tx.set_password(&caller.account.id, &hash, false).await?;
        let key = issue_key(tx, caller).await?;
        audit::record(
            tx,
            caller,
            "first_login",
            Some(&caller.account.login_id),
            None,
            None,
        )
        .await?;
        Ok(key)
    })
}

/// After a revocation (expiry change, reissue by an administrator): a new key file.
/// After a key file was revoked the password alone must not be enough to register a new
/// one: a one-time code goes to the registered e-mail address (a second channel, as the
/// administrator's one-time password is at first log-in). `None` when the account has no
/// address: it cannot register a key and must ask its administrator.
async fn send_key_registration_code(
    tx: &mut Tx,
    account: &AccountRow,
) -> AppResult<Option<MailRow>> {
    let Some(email) = account.email.as_deref().filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let code = credentials::random_readable(KEY_CODE_LENGTH);
    let expires = Utc::now() + KEY_CODE_VALIDITY;
    tx.put_key_registration_code(
        &account.id,
        &credentials::token_hash(&code),
        &format_timestamp(expires),
    )
    .await?;
    let body = format!(
        "{} 様\n\n難病・小慢DBの暗号化鍵ファイルが失効したため、新しい鍵ファイルの発行に必要な確認コードをお送りします。\n\
         ログイン後の画面で、{}分以内に次の確認コードを入力してください（1回のみ有効）。\n\n確認コード: {code}\n\n\
         このメールに心当たりがない場合は、パスワードが他人に知られている可能性があります。直ちに管理者に連絡してください。\n",
        account.full_name(),
        KEY_CODE_VALIDITY.num_minutes()
    );
    Ok(Some(
        tx.insert_mail(email, "【難病・小慢DB】鍵ファイル再発行の確認コード", &body)
            .await?,
    ))
}

/// Checks the mailed code; wrong tries are counted and void the code after a few.
async fn check_key_registration_code(
    tx: &mut Tx,
    caller: &Caller,
    presented: &str,
) -> AppResult<Result<(), DomainError>> {
    let refusal = |message: &str| Ok(Err(DomainError::invalid("code", message)));
    let account_id = &caller.account.id;
    let Some((hash, expires_at, failures)) = tx.key_registration_code(account_id).await? else {
        return refusal(if caller.account.email.is_some() {
            "確認コードが発行されていないか、無効になりました。ログインし直すと、登録済みのメールアドレスに新しい確認コードを送ります。"
        } else {
            "メールアドレスが登録されていないため、確認コードを送れません。管理者にパスワードの初期化を依頼してください。"
        });
    };
    let expired = parse_timestamp(&expires_at).is_none_or(|t| t < Utc::now());
    if expired || failures >= KEY_CODE_TRIES {
        tx.delete_key_registration_code(account_id).await?;
        return refusal("確認コードの有効期限が切れたか、誤りが続いたため無効になりました。ログインし直すと、新しい確認コードを送ります。");
    }
    let presented_hash = credentials::token_hash(presented.trim());
    if !bool::from(presented_hash.as_bytes().ct_eq(hash.as_bytes())) {
        tx.count_key_registration_failure(account_id).await?;
        return refusal(
            "確認コードが正しくありません。メールに記載の確認コードを入力してください。",
        );
    }
    tx.delete_key_registration_code(account_id).await?;
    Ok(Ok(()))
}

pub async fn register_key_file(state: &AppState, caller: &Caller, code: &str) -> AppResult<String> {
    limits::KEY_REGISTRATION_CODE.check(code)?;
    unit_of_work::change!(&state.store, |tx| {
        if let Err(refusal) = check_key_registration_code(tx, caller, code).await? {
            tx.append_log(&NewLogEntry {
                actor_login_id: Some(&caller.account.login_id),
                actor_organization_id: Some(&caller.account.organization_id),
                municipality_scope: audit::scope_of_account(&caller.account),
                action: "register_key_file",
                target: Some(&caller.account.login_id),
                result: audit::FAILED,
                client_address: caller.client_address.as_deref(),
                detail: Some("確認コードの誤り・期限切れ"),
            })
            .await?;
            // The refusal is logged (committed), then answered.
            return Ok(Err(refusal.into()));
        }
        let key = issue_key(tx, caller).await?;
        audit::record(
            tx,
            caller,
            "register_key_file",
            Some(&caller.account.login_id),
            None,
            None,
        )
        .await?;
        Ok(Ok(key))
    })?
}

pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    current: &str,
    new_password: &str,
) -> AppResult<()> {
    limits::PASSWORD.check(current)?;
    if !verify_in_background(current, &caller.account.password_hash).await? {
        return Err(DomainError::invalid(
            "current_password",
            "現在のパスワードが正しくありません。",
        )
        .into());
    }
    credentials::check_password_policy(new_password, &caller.account.login_id)?;
    let hash = hash_in_background(new_password).await?;
    unit_of_work::change!(&state.store, |tx| {
        tx.set_password(&caller.account.id, &hash, false).await?;
        audit::record(
            tx,
            caller,
            "change_password",
            Some(&caller.account.login_id),
            None,
            None,
        )
        .await?;
        Ok(())
    })
}

pub async fn update_profile(
    state: &AppState,
    caller: &Caller,
    family_name: &str,
    given_name: &str,
    email: &str,
) -> AppResult<()> {
    let email = check_email(email)?;
    let (family_name, given_name) = (family_name.trim(), given_name.trim());
    if family_name.is_empty() || given_name.is_empty() {
        return Err(DomainError::invalid("family_name", "氏名: 姓と名を入力してください。").into());
    }
    unit_of_work::change!(&state.store, |tx| {
        tx.set_names(&caller.account.id, family_name, given_name)
            .await?;
        tx.set_email(&caller.account.id, &email).await?;
        audit::record(
            tx,
            caller,
            "update_profile",
            Some(&caller.account.login_id),
            None,
            None,
        )
        .await?;
        Ok(())
    })
}

/// Sends a single-use reset link when the ID and its registered e-mail match. The answer
/// is the same either way, so the form does not reveal who has an account.
pub async fn request_password_reset(
    state: &AppState,
    login_id: &str,
    email: &str,
    client: Option<&str>,
) -> AppResult<()> {
    // Every request counts: whether it matched an account must not show in the answer.
    state
        .rate_limits
        .ensure_allowed(Guarded::PasswordResetRequest, client)?;
    state
        .rate_limits
        .count_failure(Guarded::PasswordResetRequest, client);
    limits::LOGIN_ID.check(login_id.trim())?;
    limits::EMAIL.check(email.trim())?;
    let mail = unit_of_work::change!(&state.store, |tx| {
        let account = tx.account_by_login_id(login_id.trim()).await?;
        let matched = account.filter(|a| {
            a.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email.trim()))
        });
        let mut mail = None;
        if let Some(account) = &matched {
            let token = credentials::random_token();
            let expires = Utc::now() + state.config.password_reset_validity;
            tx.insert_password_reset(
                &credentials::token_hash(&token),
                &account.id,
                &format_timestamp(expires),
            )
            .await?;
            let link = format!(
                "{}/password-reset/{token}",
                state.config.public_url.trim_end_matches('/')
            );
            let body = format!(
                "{} 様\n\n難病・小慢DBのパスワード再設定の依頼を受け付けました。\n\
                 次のリンクから{}分以内に新しいパスワードを設定してください（1回のみ有効）。\n\n{link}\n\n\
                 このメールに心当たりがない場合は破棄してください。パスワードは変更されません。\n",
                account.full_name(),
                state.config.password_reset_validity.num_minutes()
            );
            mail = Some(
                tx.insert_mail(
                    account.email.as_deref().unwrap_or_default(),
                    "【難病・小慢DB】パスワード再設定のご案内",
                    &body,
                )
                .await?,
            );
        }
        tx.append_log(&NewLogEntry {
            actor_login_id: Some(login_id.trim()),
            actor_organization_id: matched.as_ref().map(|a| a.organization_id.as_str()),
            municipality_scope: matched.as_ref().and_then(audit::scope_of_account),
            action: "request_password_reset",
            target: Some(login_id.trim()),
            result: if matched.is_some() {
                audit::OK
            } else {
                audit::FAILED
            },
            client_address: client,
            detail: None,
        })
        .await?;
        Ok(mail)
    })?;
    if let Some(mail) = mail {
        super::mail::deliver(state, &mail).await;
    }
    Ok(())
}

/// Sets a new password from a reset link. The key file stays; failures and locks clear.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    new_password: &str,
    client: Option<&str>,
) -> AppResult<()> {
    let invalid = || {
        AppError::from(DomainError::invalid(
            "token",
            "このリンクは無効か期限切れです（有効期間30分・1回限り）。もう一度「パスワードを忘れた場合」から手続きしてください。",
        ))
    };
    let hash_token = credentials::token_hash(token);
    // The link is checked and the new password hashed before the transaction that uses the
    // link: no transaction stays open while Argon2 runs.
    let account = unit_of_work::read!(&state.store, |tx| {
        let Some((account_id, expires_at, used_at)) = tx.password_reset(&hash_token).await? else {
            return Err(invalid());
        };
        let expired = parse_timestamp(&expires_at).is_none_or(|t| Utc::now() > t);
        if used_at.is_some() || expired {
            return Err(invalid());
        }
        tx.account_by_id(&account_id).await?.ok_or_else(invalid)
    })?;
    limits::PASSWORD.check(new_password)?;
    credentials::check_password_policy(new_password, &account.login_id)?;
    let hash = hash_in_background(new_password).await?;
    unit_of_work::change!(&state.store, |tx| {
        // Used once: a concurrent second use, or a link voided meanwhile, fails here.
        if !tx.use_password_reset(&hash_token).await? {
            return Err(invalid());
        }
        tx.set_password(&account.id, &hash, false).await?;
        tx.delete_sessions_of(&account.id).await?;
        tx.clear_login_attempts(&account.login_id).await?;
        tx.append_log(&NewLogEntry {
            actor_login_id: Some(&account.login_id),
            actor_organization_id: Some(&account.organization_id),
            municipality_scope: audit::scope_of_account(&account),
            action: "reset_password",
            target: Some(&account.login_id),
            result: audit::OK,
            client_address: client,
            detail: Some("reset link"),
        })
        .await?;
        Ok(())
    })
}

/// Whether a reset token is still usable (to show the form or an explanation).
pub async fn reset_token_usable(state: &AppState, token: &str) -> AppResult<bool> {
    unit_of_work::read!(&state.store, |tx| {
        Ok(
            match tx.password_reset(&credentials::token_hash(token)).await? {
                Some((_, expires_at, None)) => {
                    parse_timestamp(&expires_at).is_some_and(|t| Utc::now() <= t)
                }
                _ => false,
            },
        )
    })
}
