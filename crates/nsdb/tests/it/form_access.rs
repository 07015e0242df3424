//! The access matrix of patients and stored forms: every patient/form operation, as every
//! demo role, against a patient or form of the Tokyo hospital (in scope for its members) and
//! of the Yokohama hospital (out of scope: 404), with the approval operations on forms of
//! both programs, new and renewal (domain.md "Account rules", "Life cycle", "Security
//! expectations"; interfaces.md: 403 logged in but not allowed, 404 outside the scope).
//! Two extra callers are Yokohama 指定医 who applied for 兼務 at Tokyo: one approved (sees
//! and writes Tokyo's patients and forms), one still pending (does not).
//!
//! Every successful read of a patient or form must be in the operation log.
use crate::forms::{patient_of, sample};
use crate::harness::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Expected outcome of one cell.
#[derive(Clone, Copy, Debug, PartialEq)]
enum E {
    /// Allowed: the row's success status, and the operation did what it says (the target
    /// listed, the new state reached).
    A,
    /// 403: the caller's role may not do this. Roles that write no forms get it whatever
    /// the target: refused before any look-up, it reveals nothing.
    F,
    /// 404: outside the caller's scope.
    N,
    /// 403 or 404: out of scope for a doctor of the other program, where the program check
    /// comes first (both answers reveal nothing about the target).
    X,
    /// A search answers 200 without the target: outside the scope, nothing of it shows.
    H,
}
use E::*;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    CreatePatient,
    ListPatients,
    GetPatient,
    CreateForm,
    UpdateForm,
    GetForm,
    SearchForms,
    RequestApproval,
    ReturnForm,
    ApproveForm,
    WithdrawForm,
    GetFormHistory,
}

impl Op {
    /// Operations that change their target: every cell gets a fresh one, so no cell
    /// depends on what another did.
    fn changes_target(self) -> bool {
        matches!(
            self,
            Op::UpdateForm
                | Op::RequestApproval
                | Op::ReturnForm
                | Op::ApproveForm
                | Op::WithdrawForm
        )
    }

    /// The state a fresh target of the operation is in.
    fn starting_stage(self) -> Stage {
        match self {
            Op::ReturnForm | Op::ApproveForm => Stage::AwaitingApproval,
            Op::WithdrawForm => Stage::Confirmed,
            _ => Stage::Draft,
        }
    }

    /// The operation-log action of a successful read (domain.md: every read of personal
    /// data is logged).
    fn read_log_action(self) -> Option<&'static str> {
        match self {
            Op::GetForm => Some("open_form"),
            Op::GetPatient => Some("open_patient"),
            Op::ListPatients => Some("search_patients"),
            Op::SearchForms => Some("search_forms"),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    Draft,
    AwaitingApproval,
    Confirmed,
}

/// The target of a cell. For CreateForm: the form to be written (for a patient of that
/// hospital; `None`: with a new patient of the caller's own institution).
#[derive(Clone, Copy, Debug, PartialEq)]
enum T {
    None,
    TokyoPatient,
    YokohamaPatient,
    /// パーキンソン病 臨個票, 新規, of a Tokyo patient.
    TokyoNanbyoNew,
    /// The same, 更新 (the only kind a 協力難病指定医 approves).
    TokyoNanbyoRenewal,
    /// 1型糖尿病 意見書 of a Tokyo patient.
    TokyoShomanNew,
    /// パーキンソン病 臨個票, 新規, of a Yokohama patient.
    YokohamaForm,
}

impl T {
    fn is_tokyo(self) -> bool {
        matches!(
            self,
            T::TokyoPatient | T::TokyoNanbyoNew | T::TokyoNanbyoRenewal | T::TokyoShomanNew
        )
    }

    /// Worked example and application kind of a form target.
    fn form(self) -> (&'static str, &'static str) {
        match self {
            T::TokyoNanbyoNew | T::YokohamaForm | T::None => ("nanbyo-006-2403", "new"),
            T::TokyoNanbyoRenewal => ("nanbyo-006-2403", "renewal"),
            T::TokyoShomanNew => ("shoman-07-001-2403", "new"),
            other => panic!("not a form target: {other:?}"),
        }
    }
}

/// Callers, in the column order of the table.
const CALLERS: [&str; 13] = [
    "MA", "MU", "OA", "OU", "TA", "TU", "DM", "MG", "D", "CD", "CL", "KD", "KP",
];
// MA ministry_admin, MU ministry_user, OA operator_admin, OU operator_user,
// TA/TU 東京都 municipality_admin/municipality_user; at the Tokyo hospital: DM 山田 (難病
// 指定医 and 責任者), MG the 責任者 office account (not a doctor), D 鈴木 (小慢 指定医),
// CD 田中 (協力難病指定医), CL 小林 (clerk); KD a Yokohama 難病 指定医 whose 兼務 at Tokyo
// is approved, KP one whose application is still pending.
const DM: usize = 6;
const D: usize = 8;
const OA: usize = 2;

type Row = (Op, T, u16, [E; 13]);

/// A row where the 自治体's staff (TA, TU) find no form they have not looked up by key.
fn municipal(mut row: Row) -> Row {
    row.3[4] = N;
    row.3[5] = N;
    row
}

/// The expected table. Municipality, operator and ministry write no forms: 403 on
/// everything, whatever the target (the first six columns) — except that 自治体 staff read
/// forms they opened by key, so any other is absent for them.
fn table() -> Vec<Row> {
    use Op::*;
    let row = |op: Op, t: T, ok: u16, members: [E; 7]| -> Row {
        let mut all = [F; 13];
        all[6..].copy_from_slice(&members);
        (op, t, ok, all)
    };
    //                            DM MG D  CD CL KD KP
    let tokyo_everyone: [E; 7] = [A, A, A, A, A, A, N];
    let yokohama_everyone: [E; 7] = [N, N, N, N, N, A, A];
    // Writing (and asking for approval): a 指定医 writes the forms of their own program, a
    // 協力難病指定医 only 更新 臨個票; clerks and the office 責任者 both programs.
    let tokyo_nanbyo_new_writers: [E; 7] = [A, A, F, F, A, A, N];
    let tokyo_nanbyo_renewal_writers: [E; 7] = [A, A, F, A, A, A, N];
    let tokyo_shoman_writers: [E; 7] = [F, A, A, F, A, F, N];
    // Approval, return, withdrawal: a 指定医 of the form's program, 協力 only 更新.
    let nanbyo_new_approvers: [E; 7] = [A, F, F, F, F, A, N];
    let nanbyo_renewal_approvers: [E; 7] = [A, F, F, A, F, A, N];
    let shoman_approvers: [E; 7] = [F, F, A, F, F, F, N];
    let mut rows = vec![
        // A new patient is registered with the caller's own institution.
        row(CreatePatient, T::None, 201, [A, A, A, A, A, A, A]),
        row(ListPatients, T::TokyoPatient, 200, [A, A, A, A, A, A, H]),
        row(ListPatients, T::YokohamaPatient, 200, [H, H, H, H, H, A, A]),
        row(GetPatient, T::TokyoPatient, 200, tokyo_everyone),
        row(GetPatient, T::YokohamaPatient, 200, yokohama_everyone),
        // With a new patient: the caller's own institution.
        row(CreateForm, T::None, 201, [A, A, F, F, A, A, A]),
        row(CreateForm, T::TokyoNanbyoNew, 201, tokyo_nanbyo_new_writers),
        row(
            CreateForm,
            T::TokyoNanbyoRenewal,
            201,
            tokyo_nanbyo_renewal_writers,
        ),
        // The pending 兼務 doctor is a 難病 doctor: the program check answers first.
        row(CreateForm, T::TokyoShomanNew, 201, [F, A, A, F, A, F, X]),
        // 鈴木 (小慢) and 田中 (協力, a new form) are refused before the patient is looked up.
        row(CreateForm, T::YokohamaForm, 201, [N, N, X, X, N, A, A]),
        row(UpdateForm, T::TokyoNanbyoNew, 200, tokyo_nanbyo_new_writers),
        row(UpdateForm, T::TokyoShomanNew, 200, tokyo_shoman_writers),
        row(UpdateForm, T::YokohamaForm, 200, yokohama_everyone),
        // 自治体 staff read the forms they opened by key (access_keys.rs), others not at all.
        municipal(row(GetForm, T::TokyoNanbyoNew, 200, tokyo_everyone)),
        municipal(row(GetForm, T::YokohamaForm, 200, yokohama_everyone)),
        row(SearchForms, T::TokyoNanbyoNew, 200, [A, A, A, A, A, A, H]),
        row(SearchForms, T::YokohamaForm, 200, [H, H, H, H, H, A, A]),
        // Whoever may write the form may ask a doctor who can approve it.
        row(
            RequestApproval,
            T::TokyoNanbyoNew,
            200,
            tokyo_nanbyo_new_writers,
        ),
        row(
            RequestApproval,
            T::TokyoShomanNew,
            200,
            tokyo_shoman_writers,
        ),
        row(RequestApproval, T::YokohamaForm, 200, yokohama_everyone),
        row(GetFormHistory, T::TokyoNanbyoNew, 200, tokyo_everyone),
        row(GetFormHistory, T::YokohamaForm, 200, yokohama_everyone),
    ];
    for op in [ReturnForm, ApproveForm, WithdrawForm] {
        rows.extend([
            row(op, T::TokyoNanbyoNew, 200, nanbyo_new_approvers),
            row(op, T::TokyoNanbyoRenewal, 200, nanbyo_renewal_approvers),
            row(op, T::TokyoShomanNew, 200, shoman_approvers),
            row(op, T::YokohamaForm, 200, yokohama_everyone),
        ]);
    }
    rows
}

/// What a cell observed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Got {
    /// The row's success status, and the operation did what it says.
    Done,
    /// 200 from a search that does not list the target.
    Hidden,
    Status(u16),
}

fn matches(e: E, got: Got) -> bool {
    match (e, got) {
        (A, Got::Done) | (H, Got::Hidden) => true,
        (F, Got::Status(403)) | (N, Got::Status(404)) => true,
        (X, Got::Status(s)) => s == 403 || s == 404,
        _ => false,
    }
}

struct Mismatch {
    op: Op,
    target: T,
    caller: &'static str,
    expected: E,
    got: Got,
    text: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} on {:?} as {}: expected {:?}, got {:?} ({})",
            self.op,
            self.target,
            self.caller,
            self.expected,
            self.got,
            self.text.chars().take(300).collect::<String>()
        )
    }
}

/// A patient or form a cell acts on.
#[derive(Clone, Debug)]
struct Target {
    /// Patient ID or form ID.
    id: String,
    /// The patient (of a form: its patient).
    patient_id: String,
}

/// The world the matrix runs in: callers, the accounts that make targets, shared targets.
struct World {
    /// Keeps the server running.
    _app: TestApp,
    callers: Vec<Client>,
    /// Clerks who draft the targets: not callers, so that every open of a shared target in
    /// the operation log is a cell's.
    tokyo_clerk: Client,
    yokohama_clerk: Client,
    yokohama_manager: Client,
    tokyo_patient: Target,
    yokohama_patient: Target,
    tokyo_form: Target,
    yokohama_form: Target,
}

/// A patient to register, with the given given name (the family name marks the matrix's).
fn patient_input(given_name: &str, given_name_kana: &str) -> Value {
    json!({
        "family_name": "行列", "given_name": given_name,
        "family_name_kana": "ぎょうれつ", "given_name_kana": given_name_kana,
        "birth_date": "1961-04-01", "sex": "2",
    })
}

async fn create_patient(client: &Client, given_name: &str, given_name_kana: &str) -> Target {
    let r = client
        .post("/patients", &patient_input(given_name, given_name_kana))
        .await;
    r.expect(201);
    let id = r.body["id"].as_str().unwrap().to_owned();
    Target {
        patient_id: id.clone(),
        id,
    }
}

/// The createForm body of a form target, for an existing patient or a new one.
fn new_form(t: T, patient_id: Option<&str>) -> Value {
    let (sample_id, application) = t.form();
    let (definition_id, items) = sample(sample_id);
    let mut body = json!({
        "definition_id": definition_id,
        "application": application,
        "items": items,
        "registration_explained": true,
    });
    match patient_id {
        Some(id) => body["patient_id"] = json!(id),
        None => body["patient"] = patient_of(&items),
    }
    body
}

fn form_target(r: &Resp) -> Target {
    r.expect(201);
    Target {
        id: r.body["id"].as_str().unwrap().to_owned(),
        patient_id: r.body["patient"]["id"].as_str().unwrap().to_owned(),
    }
}

fn state_of(r: &Resp) -> &str {
    r.body["state"].as_str().unwrap_or_default()
}

async fn login_new_yokohama_doctor(app: &TestApp, yokohama_admin: &Client) -> Client {
    let d = yokohama_admin
        .issue_doctor(&NewDoctor::new(YOKOHAMA_HOSPITAL_CODE))
        .await;
    app.first_login(&d.login_id, &d.password).await.0
}

async fn apply_to_tokyo(doctor: &Client) -> String {
    let r = doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": TOKYO_HOSPITAL_CODE}),
        )
        .await;
    r.expect(201);
    r.body["id"].as_str().unwrap().to_owned()
}

impl World {
    async fn new() -> World {
        let app = TestApp::spawn().await;
        let mut callers = Vec::new();
        for who in [
            MINISTRY_ADMIN,
            MINISTRY_USER,
            OPERATOR_ADMIN,
            OPERATOR_USER,
            TOKYO_ADMIN,
            TOKYO_USER,
            TOKYO_MANAGER,
        ] {
            callers.push(app.login(who).await);
        }
        let office = callers[DM].create_staff("manager").await;
        callers.push(app.first_login(&office.login_id, &office.password).await.0);
        for who in [TOKYO_DOCTOR, TOKYO_COOPERATING, TOKYO_CLERK] {
            callers.push(app.login(who).await);
        }
        // Yokohama 難病 指定医 applying for 兼務 at Tokyo: 山田 (責任者) approves one.
        let yokohama_admin = app.login(YOKOHAMA_ADMIN).await;
        let concurrent = login_new_yokohama_doctor(&app, &yokohama_admin).await;
        let application = apply_to_tokyo(&concurrent).await;
        let decided = callers[DM]
            .post(
                &format!("/concurrent-assignments/{application}/decision"),
                &json!({"approve": true}),
            )
            .await;
        decided.expect(200);
        assert_eq!(decided.body["state"], json!("approved"));
        callers.push(concurrent);
        let pending = login_new_yokohama_doctor(&app, &yokohama_admin).await;
        apply_to_tokyo(&pending).await;
        callers.push(pending);
        assert_eq!(callers.len(), CALLERS.len());

        let tokyo_clerk = callers[DM].create_staff("clerk").await;
        let tokyo_clerk = app
            .first_login(&tokyo_clerk.login_id, &tokyo_clerk.password)
            .await
            .0;
        let yokohama_clerk = app.login(YOKOHAMA_CLERK).await;
        let yokohama_manager = app.login(YOKOHAMA_MANAGER).await;
        let tokyo_patient = create_patient(&tokyo_clerk, "東京", "とうきょう").await;
        let yokohama_patient = create_patient(&yokohama_clerk, "横浜", "よこはま").await;
        // The read targets have a patient of their own, so that a search by patient finds
        // exactly them.
        let tokyo_form = form_target(
            &tokyo_clerk
                .post("/forms", &new_form(T::TokyoNanbyoNew, None))
                .await,
        );
        let yokohama_form = form_target(
            &yokohama_clerk
                .post("/forms", &new_form(T::YokohamaForm, None))
                .await,
        );
        World {
            _app: app,
            callers,
            tokyo_clerk,
            yokohama_clerk,
            yokohama_manager,
            tokyo_patient,
            yokohama_patient,
            tokyo_form,
            yokohama_form,
        }
    }

    /// Who drafts the target's forms (the clerk of its hospital) and who approves them.
    fn makers(&self, t: T) -> (&Client, &Client) {
        match t {
            T::TokyoShomanNew => (&self.tokyo_clerk, &self.callers[D]),
            t if t.is_tokyo() => (&self.tokyo_clerk, &self.callers[DM]),
            _ => (&self.yokohama_clerk, &self.yokohama_manager),
        }
    }

    /// A fresh form of the target, brought to `stage` through the API as its hospital's
    /// clerk and doctor would.
    async fn fresh_form(&self, t: T, stage: Stage) -> Target {
        let (clerk, doctor) = self.makers(t);
        let form = form_target(&clerk.post("/forms", &new_form(t, None)).await);
        if stage == Stage::Draft {
            return form;
        }
        let asked = clerk
            .post(
                &format!("/forms/{}/approval-request", form.id),
                &json!({"doctor_login_id": doctor.login_id}),
            )
            .await;
        asked.expect(200);
        if stage == Stage::AwaitingApproval {
            return form;
        }
        let approved = doctor
            .post_empty(&format!("/forms/{}/approval", form.id))
            .await;
        approved.expect(200);
        assert_eq!(state_of(&approved), "confirmed", "{}", approved.text);
        form
    }

    /// What a cell acts on.
    async fn prepare(&self, op: Op, t: T) -> Option<Target> {
        if op.changes_target() {
            return Some(self.fresh_form(t, op.starting_stage()).await);
        }
        match (op, t) {
            (_, T::None) => None,
            (_, T::TokyoPatient) => Some(self.tokyo_patient.clone()),
            (_, T::YokohamaPatient) => Some(self.yokohama_patient.clone()),
            // createForm writes for a patient of the target's hospital.
            (Op::CreateForm, t) if t.is_tokyo() => Some(self.tokyo_patient.clone()),
            (Op::CreateForm, _) => Some(self.yokohama_patient.clone()),
            (_, t) if t.is_tokyo() => Some(self.tokyo_form.clone()),
            _ => Some(self.yokohama_form.clone()),
        }
    }

    /// Runs one cell: what it observed, and the answer.
    async fn run(
        &self,
        op: Op,
        t: T,
        caller: usize,
        target: Option<&Target>,
        success: u16,
    ) -> (Got, Resp) {
        let c = &self.callers[caller];
        let id = target.map(|t| t.id.as_str()).unwrap_or_default();
        let (r, done) = match op {
            Op::CreatePatient => {
                let r = c.post("/patients", &patient_input("新規", "しんき")).await;
                let done = r.body["id"].is_string();
                (r, done)
            }
            Op::ListPatients => {
                let kana = if t.is_tokyo() {
                    "ぎょうれつ%20とうきょう"
                } else {
                    "ぎょうれつ%20よこはま"
                };
                let r = c.get(&format!("/patients?kana={kana}&per_page=200")).await;
                return (classify_search(&r, listed(&r.body["patients"], id)), r);
            }
            Op::GetPatient => {
                let r = c.get(&format!("/patients/{id}")).await;
                let done = r.body["id"] == json!(id);
                (r, done)
            }
            Op::CreateForm => {
                let patient_id = target.map(|p| p.id.as_str());
                let r = c.post("/forms", &new_form(t, patient_id)).await;
                let done = state_of(&r) == "draft"
                    && (target.is_none() || r.body["patient"]["id"] == json!(id));
                (r, done)
            }
            Op::UpdateForm => {
                // A real change (a save that changes nothing makes no revision).
                let (_, mut items) = sample(t.form().0);
                items["record_date"] = json!("2025-06-21");
                let r = c
                    .put(
                        &format!("/forms/{id}"),
                        &json!({"revision": 1, "items": items}),
                    )
                    .await;
                let done = r.body["revision"] == json!(2);
                (r, done)
            }
            Op::GetForm => {
                let r = c.get(&format!("/forms/{id}")).await;
                let done = r.body["id"] == json!(id);
                (r, done)
            }
            Op::SearchForms => {
                let patient = &target.expect("a form").patient_id;
                let r = c
                    .get(&format!("/forms?patient_id={patient}&per_page=200"))
                    .await;
                return (classify_search(&r, listed(&r.body["forms"], id)), r);
            }
            Op::RequestApproval => {
                let (_, doctor) = self.makers(t);
                let r = c
                    .post(
                        &format!("/forms/{id}/approval-request"),
                        &json!({"doctor_login_id": doctor.login_id}),
                    )
                    .await;
                let done = state_of(&r) == "awaiting_approval";
                (r, done)
            }
            Op::ReturnForm => {
                let r = c
                    .post(
                        &format!("/forms/{id}/return"),
                        &json!({"comment": "記載内容を確認してください"}),
                    )
                    .await;
                let done = state_of(&r) == "returned";
                (r, done)
            }
            Op::ApproveForm => {
                let r = c.post_empty(&format!("/forms/{id}/approval")).await;
                let done = state_of(&r) == "confirmed" && r.body["access_key"].is_string();
                (r, done)
            }
            Op::WithdrawForm => {
                let r = c.post_empty(&format!("/forms/{id}/withdrawal")).await;
                let done = state_of(&r) == "draft" && r.body["access_key"].is_null();
                (r, done)
            }
            Op::GetFormHistory => {
                let r = c.get(&format!("/forms/{id}/history")).await;
                let done = r.body["revisions"]
                    .as_array()
                    .is_some_and(|revisions| !revisions.is_empty());
                (r, done)
            }
        };
        (classify(&r, success, done), r)
    }
}

/// Whether a list of patients or forms holds the target.
fn listed(list: &Value, id: &str) -> bool {
    list.as_array()
        .is_some_and(|items| items.iter().any(|i| i["id"] == json!(id)))
}

/// The observation of an answer: `Done` when it has the success status and the
/// operation's post-condition (`done`) holds.
fn classify(r: &Resp, success: u16, done: bool) -> Got {
    if r.status >= 400 {
        assert_error_shape(r);
    }
    if r.status == success && done {
        Got::Done
    } else {
        Got::Status(r.status)
    }
}

/// A search: `Done` when it lists the target, `Hidden` when it answers without it.
fn classify_search(r: &Resp, listed: bool) -> Got {
    if r.status == 200 && !listed {
        Got::Hidden
    } else {
        classify(r, 200, listed)
    }
}

/// The reads that must be in the operation log: (actor, action, target) → successful reads.
type Reads = BTreeMap<(String, &'static str, Option<String>), usize>;

#[tokio::test]
async fn form_access_matrix() {
    let world = World::new().await;
    let mut mismatches = Vec::new();
    let mut reads = Reads::new();
    let mut cells = 0;
    for (op, t, allow, expected) in table() {
        for (caller, e) in expected.iter().enumerate() {
            let target = world.prepare(op, t).await;
            let (got, r) = world.run(op, t, caller, target.as_ref(), allow).await;
            cells += 1;
            if !matches(*e, got) {
                mismatches.push(Mismatch {
                    op,
                    target: t,
                    caller: CALLERS[caller],
                    expected: *e,
                    got,
                    text: r.text.clone(),
                });
            }
            if let Some(action) = op.read_log_action() {
                // Searches are logged without a target; opens name what was opened.
                let logged_target = match op {
                    Op::GetForm | Op::GetPatient => target.map(|t| t.id),
                    _ => None,
                };
                let key = (
                    world.callers[caller].login_id.clone(),
                    action,
                    logged_target,
                );
                *reads.entry(key).or_default() += usize::from(r.status == 200);
            }
        }
    }
    let report: Vec<String> = mismatches.iter().map(|m| m.to_string()).collect();
    assert!(
        report.is_empty(),
        "{} of {cells} cells differ from the table:\n{}",
        report.len(),
        report.join("\n")
    );
    assert!(cells > 400, "{cells} cells");

    // The operation log, as the operator searches it: one entry per successful read, none
    // for a refused one.
    let operator = &world.callers[OA];
    let mut missing = Vec::new();
    for ((actor, action, target), successes) in &reads {
        let mut query = format!("/operation-logs?actor={actor}&action={action}");
        if let Some(t) = target {
            query.push_str(&format!("&target={t}"));
        }
        let r = operator.get(&query).await;
        r.expect(200);
        let logged = r.body["total"].as_u64().unwrap() as usize;
        if logged != *successes {
            missing.push(format!(
                "{actor} {action} {target:?}: {successes} successful reads, {logged} log entries"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "the operation log differs from the reads:\n{}",
        missing.join("\n")
    );
    assert!(reads.values().filter(|n| **n > 0).count() >= 30);
}
