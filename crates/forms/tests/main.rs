//! The tests of the form engine, one test binary with a module per file (run:
//! `cargo test -p nsdb-forms --test forms [filter]`). One binary instead of one per file:
//! each binary links the whole form catalog, and a hundred of them filled gigabytes of disk
//! and minutes of linking. `xml_memory.rs` stays a binary of its own: it measures the
//! process's peak memory, which tests in parallel threads would disturb.

mod common;
mod xml_common;

mod catalog;
mod content_hash;
mod coverage;
mod criteria_versions;
mod evaluate_answers;
mod generic_and_shoman;
mod load_errors;
mod nanbyo_001_sbma;
mod nanbyo_002_als;
mod nanbyo_003_sma;
mod nanbyo_005_psp;
mod nanbyo_006_parkinson;
mod nanbyo_007_cbd;
mod nanbyo_008_huntington;
mod nanbyo_011_mg;
mod nanbyo_013_ms_nmo;
mod nanbyo_014_cidp_mmn;
mod nanbyo_017_msa;
mod nanbyo_018_scd;
mod nanbyo_022_moyamoya;
mod nanbyo_034_neurofibromatosis;
mod nanbyo_035_pemphigus;
mod nanbyo_037_gpp;
mod nanbyo_040_takayasu;
mod nanbyo_041_giant_cell_arteritis;
mod nanbyo_042_polyarteritis_nodosa;
mod nanbyo_043_microscopic_polyangiitis;
mod nanbyo_044_granulomatosis_with_polyangiitis;
mod nanbyo_045_eosinophilic_granulomatosis_with_polyangiitis;
mod nanbyo_046_malignant_rheumatoid_arthritis;
mod nanbyo_049_sle;
mod nanbyo_050_dermatomyositis_polymyositis;
mod nanbyo_051_systemic_sclerosis;
mod nanbyo_052_mixed_connective_tissue_disease;
mod nanbyo_053_sjogren;
mod nanbyo_054_adult_onset_still_disease;
mod nanbyo_056_behcet;
mod nanbyo_057_dilated_cardiomyopathy;
mod nanbyo_060_aplastic_anemia;
mod nanbyo_063_itp;
mod nanbyo_065_primary_immunodeficiency;
mod nanbyo_066_iga_nephropathy;
mod nanbyo_067_polycystic_kidney;
mod nanbyo_068_ossification_ligamentum_flavum;
mod nanbyo_069_opll;
mod nanbyo_070_extensive_spinal_canal_stenosis;
mod nanbyo_071_onfh;
mod nanbyo_072_pituitary_adh_disorder;
mod nanbyo_075_cushing_disease;
mod nanbyo_077_acromegaly;
mod nanbyo_078_hypopituitarism;
mod nanbyo_079_familial_hypercholesterolemia;
mod nanbyo_084_sarcoidosis;
mod nanbyo_085_iip;
mod nanbyo_086_pah;
mod nanbyo_087_pvod_pch;
mod nanbyo_088_cteph;
mod nanbyo_090_retinitis_pigmentosa;
mod nanbyo_093_pbc;
mod nanbyo_094_primary_sclerosing_cholangitis;
mod nanbyo_095_autoimmune_hepatitis;
mod nanbyo_096_crohn;
mod nanbyo_097_ulcerative_colitis;
mod nanbyo_113_muscular_dystrophy;
mod nanbyo_158_tuberous_sclerosis;
mod nanbyo_160_congenital_ichthyosis;
mod nanbyo_162_pemphigoid;
mod nanbyo_203_22q11_deletion;
mod nanbyo_222_primary_nephrotic_syndrome;
mod nanbyo_223_primary_mpgn;
mod nanbyo_227_hht;
mod nanbyo_230_alveolar_hypoventilation;
mod nanbyo_231_alpha1_antitrypsin_deficiency;
mod nanbyo_232_carney_complex;
mod nanbyo_271_ankylosing_spondylitis;
mod nanbyo_297_alagille;
mod nanbyo_299_cystic_fibrosis;
mod nanbyo_300_igg4_related_disease;
mod nanbyo_302_lhon;
mod nanbyo_306_eosinophilic_sinusitis;
mod nanbyo_310_congenital_anomaly_syndromes;
mod parse_month_fast_path;
mod presentation;
mod renewal_across_versions;
mod rule_language;
mod samples;
mod scales;
mod severity_by_machine_001_110;
mod severity_by_machine_111_220;
mod severity_by_machine_221_333;
mod shoman_01_080_precursor_b_all;
mod shoman_02_024_minimal_change_nephrotic;
mod shoman_03_005_bronchial_asthma;
mod shoman_04_031_ventricular_septal_defect;
mod shoman_05_045_gh_deficiency_organic;
mod shoman_05_046_gh_deficiency_idiopathic;
mod shoman_07_001_type1_diabetes;
mod shown_when;
mod xml_agreement;
mod xml_fuzz;
mod xml_hostile;
mod xml_samples;
mod xml_validate;

/// Every test file in this folder is a module of this binary (the crate turns off Cargo's
/// automatic test discovery, so a file missing from the list above would silently never
/// run).
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let declared = include_str!("main.rs");
    let missing: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|f| f.strip_suffix(".rs").map(str::to_owned))
        .filter(|m| m != "main" && m != "xml_memory")
        .filter(|m| !declared.contains(&format!("\nmod {m};\n")))
        .collect();
    assert!(
        missing.is_empty(),
        "not declared in tests/main.rs: {missing:?}"
    );
}
