//! `nsdb-load generate`: a database of N forms spread over many institutions, each with
//! its 指定医 (難病 and 小慢), a clerk and its patients, written through the store's bulk
//! loading with exactly what the services write: identifying items sealed under the real
//! data key (the server's `--data-key-file`), keyed search hashes, the history of every
//! form, access keys of confirmed forms. The server opens every one of them.
//!
//! Only the clerks the load client logs in as get a password and a key file (through
//! `services::accounts::complete_onboarding`, as the demo seeding does): Argon2 takes tens
//! of milliseconds per account. Every other account is stored with one shared hash, as
//! issued and not yet logged in.
use crate::people::{FAMILY_NAMES, GIVEN_NAMES, PREFECTURES};
use anyhow::{bail, Context};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use nsdb_domain::data_keys::DataKeys;
use nsdb_domain::form::{AccessKey, FormAction, FormState};
use nsdb_domain::patient::PatientDetails;
use nsdb_forms::data::{Answer, FormData};
use nsdb_forms::{ApplicationKind, FindingSeverity, FormDefinition};
use nsdb_store::{
    LoadedConfirmation, LoadedForm, LoadedPatient, LoadedRevision, NewAccount, NewOrganization,
    Store,
};
use nsdb_web::services::{accounts, forms::split, sealing};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// The password of every clerk the client logs in as.
pub const PASSWORD: &str = "load-test-pass-2026!";

/// Forms per institution when `--institutions` is not given: a large hospital's year of
/// 臨個票・意見書, the same at every size of run so that a search costs the same.
const FORMS_PER_INSTITUTION: usize = 1_000;

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// An empty PostgreSQL database (migrated here), e.g. postgres://postgres@127.0.0.1:5432/postgres.
    #[arg(long)]
    database_url: String,
    /// The server's data key file; created when missing.
    #[arg(long)]
    data_key_file: PathBuf,
    /// Forms to generate.
    #[arg(long, default_value_t = 1_000_000)]
    forms: usize,
    /// Clerks to prepare for log-in, one per institution.
    #[arg(long, default_value_t = 200)]
    users: usize,
    /// Institutions the forms are spread over (default: one per 1,000 forms, at least one
    /// per user).
    #[arg(long)]
    institutions: Option<usize>,
    /// Institutions generated at once (each in its own transaction).
    #[arg(long, default_value_t = 3)]
    workers: usize,
    /// Where the log-ins and each user's forms are written for `nsdb-load run`.
    #[arg(long)]
    out: PathBuf,
    /// The worked examples the forms are made from.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms/samples"))]
    samples: PathBuf,
}

/// What `run` needs: the clerks' log-ins and the draft forms of their institutions.
#[derive(Serialize, Deserialize)]
pub struct Logins {
    pub password: String,
    pub users: Vec<UserLogin>,
}

#[derive(Serialize, Deserialize)]
pub struct UserLogin {
    pub login_id: String,
    /// The key file's text.
    pub key_file: String,
    pub institution: String,
    /// Forms of the institution that may be saved (drafts).
    pub draft_forms: Vec<String>,
}

/// A worked example from forms/samples: a complete form of one definition.
struct Sample {
    def: Arc<FormDefinition>,
    kind: ApplicationKind,
    items: FormData,
    /// The sample's 性別 (sex-specific diseases keep it).
    sex: String,
}

#[derive(Deserialize)]
struct SampleFile {
    definition_id: String,
    application: String,
    items: FormData,
}

fn load_samples(dir: &Path) -> anyhow::Result<Vec<Sample>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".new.json"))
        .collect();
    paths.sort();
    let mut samples = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let file: SampleFile =
            serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
        let def = nsdb_forms::catalog()
            .get(&file.definition_id)
            .with_context(|| format!("{}: unknown definition", path.display()))?;
        let kind = ApplicationKind::parse(&file.application)
            .with_context(|| format!("{}: unknown application kind", path.display()))?;
        let sex = match file.items.items.get("sex") {
            Some(Answer::Text(s)) => s.clone(),
            _ => "1".into(),
        };
        samples.push(Sample {
            def,
            kind,
            items: file.items,
            sex,
        });
    }
    if samples.is_empty() {
        bail!("no *.new.json samples in {}", dir.display());
    }
    Ok(samples)
}

/// An institution and the accounts its forms name.
#[derive(Clone)]
struct Institution {
    id: String,
    name: String,
    prefecture: &'static str,
    clerk_id: String,
    clerk_login_id: String,
    nanbyo_doctor_id: String,
    shoman_doctor_id: String,
}

fn timestamp(t: DateTime<Utc>) -> String {
    nsdb_domain::time::format_timestamp(t)
}

/// The 47 prefectures as 自治体, and the institutions with their accounts, in one
/// transaction (a few thousand rows).
async fn create_institutions(store: &Store, count: usize) -> anyhow::Result<Vec<Institution>> {
    let mut tx = store.begin().await?;
    if !tx.organizations_of_kind("institution").await?.is_empty() {
        bail!("the database already has institutions: give an empty database");
    }
    // Accounts not used for log-ins: issued, first log-in pending, with one shared hash
    // of a password nobody knows (one Argon2 run instead of thousands).
    let unusable =
        nsdb_domain::credentials::hash_password(&nsdb_domain::credentials::random_readable(24));
    let valid_until =
        (nsdb_domain::time::today_in_japan(Utc::now()) + Duration::days(3 * 365)).to_string();
    let mut municipalities = Vec::new();
    for (n, name) in PREFECTURES.iter().enumerate() {
        let code = format!("{:02}0001", n + 1);
        let row = tx
            .insert_organization(&NewOrganization {
                kind: "municipality",
                code: &code,
                name,
                programs: "nanbyo,shoman",
                municipality_id: None,
                address: None,
                phone: None,
            })
            .await?;
        municipalities.push(row.id);
    }
    let mut rng = StdRng::seed_from_u64(1);
    let mut institutions = Vec::with_capacity(count);
    for i in 0..count {
        let p = i % PREFECTURES.len();
        let prefecture = PREFECTURES[p];
        let name = format!("{prefecture}第{}総合病院", i + 1);
        let code = format!("{:02}1{:07}", p + 1, i + 1);
        let address = format!("{prefecture}中央市本町{}-{}", i % 9 + 1, i % 30 + 1);
        let org = tx
            .insert_organization(&NewOrganization {
                kind: "institution",
                code: &code,
                name: &name,
                programs: "",
                municipality_id: Some(&municipalities[p]),
                address: Some(&address),
                phone: Some("03-0000-0000"),
            })
            .await?;
        let mut person = |role: &str| {
            let (family, family_kana) = FAMILY_NAMES[rng.gen_range(0..FAMILY_NAMES.len())];
            let (given, given_kana, _) = GIVEN_NAMES[rng.gen_range(0..GIVEN_NAMES.len())];
            NewAccount {
                organization_id: org.id.clone(),
                role: role.into(),
                family_name: family.into(),
                given_name: given.into(),
                family_name_kana: Some(family_kana.into()),
                given_name_kana: Some(given_kana.into()),
                password_hash: unusable.clone(),
                ..Default::default()
            }
        };
        let doctor = |base: NewAccount, program: &str, letter: char, manager: bool| NewAccount {
            login_id: format!("DR{:08}", 2 * i + usize::from(letter == 'S')),
            is_manager: manager,
            program: Some(program.into()),
            department: Some("脳神経内科".into()),
            medical_registration_number: Some(format!("{:06}", 2 * i + usize::from(letter == 'S'))),
            designated_doctor_number: Some(format!("{letter}{:02}-{:06}", p + 1, i)),
            valid_until: Some(valid_until.clone()),
            issued_by: Some(municipalities[p].clone()),
            ..base
        };
        let nanbyo = tx
            .insert_account(&doctor(person("doctor"), "nanbyo", 'N', true))
            .await?;
        let shoman = tx
            .insert_account(&doctor(person("doctor"), "shoman", 'S', false))
            .await?;
        let clerk = tx
            .insert_account(&NewAccount {
                login_id: format!("CL{:08}", i),
                ..person("clerk")
            })
            .await?;
        institutions.push(Institution {
            id: org.id,
            name,
            prefecture,
            clerk_id: clerk.id,
            clerk_login_id: clerk.login_id,
            nanbyo_doctor_id: nanbyo.id,
            shoman_doctor_id: shoman.id,
        });
    }
    tx.commit().await?;
    Ok(institutions)
}

/// The rows of one institution, ready to insert.
#[derive(Default)]
struct Batch {
    patients: Vec<LoadedPatient>,
    forms: Vec<LoadedForm>,
    revisions: Vec<LoadedRevision>,
    drafts: Vec<String>,
}

fn count(evaluation: &nsdb_forms::Evaluation, severity: FindingSeverity) -> i64 {
    evaluation
        .findings
        .iter()
        .filter(|f| f.severity == severity)
        .count() as i64
}

/// A patient of the sample's program (小慢: a child) and sex.
fn patient(
    rng: &mut StdRng,
    sample: &Sample,
    prefecture: &str,
    today: NaiveDate,
) -> PatientDetails {
    let (family, family_kana) = FAMILY_NAMES[rng.gen_range(0..FAMILY_NAMES.len())];
    let given: Vec<_> = GIVEN_NAMES
        .iter()
        .filter(|(_, _, sex)| *sex == sample.sex)
        .collect();
    let (given, given_kana, _) = given[rng.gen_range(0..given.len())];
    let years = match sample.def.program {
        nsdb_forms::Program::Shoman => rng.gen_range(1..17),
        nsdb_forms::Program::Nanbyo => rng.gen_range(20..86),
    };
    let birth_date = today - Duration::days(years * 365 + rng.gen_range(0..365));
    // Kana as clerks type it: katakana or hiragana (searches find both).
    let kana = |k: &str, rng: &mut StdRng| {
        if rng.gen_bool(0.3) {
            crate::people::hiragana(k)
        } else {
            k.to_owned()
        }
    };
    PatientDetails {
        family_name: family.into(),
        given_name: (*given).into(),
        family_name_kana: kana(family_kana, rng),
        given_name_kana: kana(given_kana, rng),
        birth_date,
        sex: sample.sex.clone(),
        postal_code: format!(
            "{:03}-{:04}",
            rng.gen_range(100..1000),
            rng.gen_range(0..10000)
        ),
        address: format!(
            "{prefecture}中央市本町{}丁目{}番{}号",
            rng.gen_range(1..10),
            rng.gen_range(1..30),
            rng.gen_range(1..20)
        ),
    }
}

/// The sample's answers for this patient: the 基本情報 items the definition has, from the
/// patient's record (what `forms::create` starts a form with).
fn answers_for(sample: &Sample, details: &PatientDetails) -> FormData {
    let mut answers = sample.items.clone();
    for (id, value) in details.as_answers() {
        if sample.def.item(id).is_some() && !value.is_empty() {
            answers.items.insert(id.to_owned(), Answer::Text(value));
        }
    }
    answers
}

/// One institution's patients and `forms` forms. Patients have one to three forms of one
/// disease (new, then renewals in later years); a form's state is drawn: 25 % drafts,
/// 6 % awaiting approval, 2 % returned, the rest confirmed with an access key. Each form
/// has the history the services would have written: saved, asked, returned or approved.
fn build(
    institution: &Institution,
    seed: u64,
    forms: usize,
    samples: &[Sample],
    keys: &DataKeys,
) -> Batch {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = Utc::now();
    let today = nsdb_domain::time::today_in_japan(now);
    let mut batch = Batch::default();
    while batch.forms.len() < forms {
        let sample = &samples[rng.gen_range(0..samples.len())];
        let details = patient(&mut rng, sample, institution.prefecture, today);
        let patient_id = nsdb_store::new_id();
        let registered = now - Duration::minutes(rng.gen_range(60..3 * 365 * 24 * 60));
        batch.patients.push(LoadedPatient {
            sealed: sealing::seal_json(keys, &details, &sealing::patient(&patient_id)),
            search: details.search_keys(keys),
            id: patient_id.clone(),
            institution_id: institution.id.clone(),
            consent: Some((institution.clerk_id.clone(), timestamp(registered))),
            created_by: institution.clerk_id.clone(),
            created_at: timestamp(registered),
        });
        let of_patient = 1 + usize::from(rng.gen_bool(0.35)) + usize::from(rng.gen_bool(0.1));
        let answers = answers_for(sample, &details);
        let (readable, identifying) = split(&sample.def, &answers);
        let evaluation = nsdb_forms::evaluate(&sample.def, &answers, sample.kind, today);
        let doctor = match sample.def.program {
            nsdb_forms::Program::Nanbyo => &institution.nanbyo_doctor_id,
            nsdb_forms::Program::Shoman => &institution.shoman_doctor_id,
        };
        for _ in 0..of_patient.min(forms - batch.forms.len()) {
            let id = nsdb_store::new_id();
            let created = registered + Duration::minutes(rng.gen_range(0..30 * 24 * 60));
            let created = created.min(now - Duration::minutes(30));
            let state = match rng.gen_range(0..100) {
                0..25 => FormState::Draft,
                25..31 => FormState::AwaitingApproval,
                31..33 => FormState::Returned,
                _ => FormState::Confirmed,
            };
            let mut steps = vec![(FormAction::Save, FormState::Draft, &institution.clerk_id)];
            if state != FormState::Draft {
                steps.push((
                    FormAction::RequestApproval,
                    FormState::AwaitingApproval,
                    &institution.clerk_id,
                ));
            }
            match state {
                FormState::Returned => steps.push((FormAction::Return, state, doctor)),
                FormState::Confirmed => steps.push((FormAction::Approve, state, doctor)),
                _ => {}
            }
            let mut at = created;
            let mut last_at = created;
            for (n, (action, step_state, actor)) in steps.iter().enumerate() {
                let revision = n as i64 + 1;
                let changed = if revision == 1 {
                    answers.items.keys().cloned().collect()
                } else {
                    Vec::new()
                };
                batch.revisions.push(LoadedRevision {
                    form_id: id.clone(),
                    revision,
                    action: action.as_str().into(),
                    state: *step_state,
                    actor_id: (*actor).clone(),
                    at: timestamp(at),
                    changed_items: changed,
                    answers: readable.clone(),
                    sealed_answers: sealing::seal_json(
                        keys,
                        &identifying,
                        &sealing::revision_answers(&id, revision),
                    ),
                });
                last_at = at;
                at = (at + Duration::minutes(rng.gen_range(5..3 * 24 * 60))).min(now);
            }
            let (last_actor, confirmed) = match state {
                FormState::Confirmed => {
                    let key = AccessKey::generate();
                    let frozen = serde_json::json!({
                        "findings": evaluation.findings,
                        "determination": evaluation.determination,
                        "calculations": evaluation.calculations,
                        "definition_hash": sample.def.content_hash(),
                    });
                    let sealed_key =
                        keys.seal(key.symbols().as_bytes(), &sealing::form_access_key(&id));
                    (
                        doctor,
                        Some(LoadedConfirmation {
                            by: doctor.clone(),
                            at: timestamp(last_at),
                            evaluation: frozen.to_string(),
                            rule_version: evaluation.determination.rule_version.clone(),
                            access_key_hash: key.lookup_hash(),
                            sealed_access_key: sealed_key.text,
                        }),
                    )
                }
                FormState::Returned => (doctor, None),
                _ => (&institution.clerk_id, None),
            };
            if state == FormState::Draft {
                batch.drafts.push(id.clone());
            }
            batch.forms.push(LoadedForm {
                sealed_answers: sealing::seal_json(keys, &identifying, &sealing::form_answers(&id)),
                institution_id: institution.id.clone(),
                patient_id: batch.patients.last().expect("pushed above").id.clone(),
                definition_id: sample.def.id.clone(),
                definition_hash: sample.def.content_hash().to_owned(),
                program: sample.def.program,
                disease_number: sample.def.disease_key(),
                application_kind: sample.kind,
                state,
                revision: steps.len() as i64,
                answers: readable.clone(),
                error_count: count(&evaluation, FindingSeverity::Error),
                warning_count: count(&evaluation, FindingSeverity::Warning),
                outcome: evaluation.determination.result.label().into(),
                approver_id: (state != FormState::Draft).then(|| doctor.clone()),
                created_by: institution.clerk_id.clone(),
                created_at: timestamp(created),
                updated_by: last_actor.clone(),
                updated_at: timestamp(last_at),
                confirmed,
                id,
            });
        }
    }
    batch
}

pub async fn generate(args: GenerateArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let institutions_wanted = args
        .institutions
        .unwrap_or(args.forms.div_ceil(FORMS_PER_INSTITUTION))
        .max(args.users)
        .max(1);
    let keys = Arc::new(nsdb_web::data_key_file::load(&args.data_key_file, true)?);
    let samples = Arc::new(load_samples(&args.samples)?);
    let store = Store::connect(&args.database_url).await?;
    let institutions = Arc::new(create_institutions(&store, institutions_wanted).await?);
    println!(
        "{} institutions with 3 accounts each, {} worked examples as forms ({:.1} s)",
        institutions.len(),
        samples.len(),
        started.elapsed().as_secs_f64()
    );

    // The clerks the client logs in as: password and key file, as the demo seeding does.
    let onboarding = Instant::now();
    let mut logins = Vec::with_capacity(args.users);
    let mut pending = tokio::task::JoinSet::new();
    for (n, institution) in institutions.iter().take(args.users).enumerate() {
        let store = store.clone();
        let login_id = institution.clerk_login_id.clone();
        pending.spawn(async move {
            let email = format!("{}@load.nsdb.example", login_id.to_lowercase());
            let key = accounts::complete_onboarding(&store, &login_id, PASSWORD, &email)
                .await
                .map_err(|e| anyhow::anyhow!("onboarding {login_id}: {}", e.message()))?;
            anyhow::Ok((n, login_id, key))
        });
    }
    while let Some(done) = pending.join_next().await {
        logins.push(done??);
    }
    logins.sort_by_key(|(n, _, _)| *n);
    println!(
        "{} clerks can log in ({:.1} s)",
        logins.len(),
        onboarding.elapsed().as_secs_f64()
    );

    // The forms: institutions taken by the workers one at a time, each its own transaction.
    let loading = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let done_forms = Arc::new(AtomicUsize::new(0));
    let per = args.forms / institutions.len();
    let extra = args.forms % institutions.len();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..args.workers.max(1) {
        let (store, keys, samples, institutions) = (
            store.clone(),
            keys.clone(),
            samples.clone(),
            institutions.clone(),
        );
        let (next, done_forms) = (next.clone(), done_forms.clone());
        let (total, users) = (args.forms, args.users);
        workers.spawn(async move {
            let mut drafts = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= institutions.len() {
                    break;
                }
                let forms = per + usize::from(i < extra);
                let (keys, samples, institution) =
                    (keys.clone(), samples.clone(), institutions[i].clone());
                let batch = tokio::task::spawn_blocking(move || {
                    build(&institution, i as u64 + 1000, forms, &samples, &keys)
                })
                .await?;
                let mut tx = store.begin().await?;
                tx.load_patients(&batch.patients).await?;
                tx.load_forms(&batch.forms).await?;
                tx.load_form_revisions(&batch.revisions).await?;
                tx.commit().await?;
                if i < users {
                    drafts.push((i, batch.drafts));
                }
                let before = done_forms.fetch_add(forms, Ordering::Relaxed);
                let tenth = total.div_ceil(10).max(1);
                if (before + forms) / tenth > before / tenth {
                    let secs = loading.elapsed().as_secs_f64();
                    println!(
                        "  {:>9} forms ({:.0} forms/s)",
                        before + forms,
                        (before + forms) as f64 / secs
                    );
                }
            }
            anyhow::Ok(drafts)
        });
    }
    let mut drafts: Vec<(usize, Vec<String>)> = Vec::new();
    while let Some(done) = workers.join_next().await {
        drafts.extend(done??);
    }
    drafts.sort_by_key(|(i, _)| *i);
    let secs = loading.elapsed().as_secs_f64();
    println!(
        "generated {} forms in {secs:.1} s: {:.0} forms/s (patients, forms, history and sealing included)",
        args.forms,
        args.forms as f64 / secs
    );

    let users = logins
        .into_iter()
        .zip(drafts)
        .map(|((n, login_id, key_file), (_, draft_forms))| UserLogin {
            login_id,
            key_file,
            institution: institutions[n].name.clone(),
            draft_forms,
        })
        .collect();
    let out = Logins {
        password: PASSWORD.into(),
        users,
    };
    std::fs::write(&args.out, serde_json::to_string(&out)?)
        .with_context(|| format!("writing {}", args.out.display()))?;
    store.close().await;
    println!(
        "done in {:.1} s; log-ins in {}",
        started.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(())
}
