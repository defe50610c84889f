//! docs/rules.md is generated from the rules' own metadata and must be current.
//! Regenerate: `magpie rules --format markdown > docs/rules.md` (or UPDATE_DOCS=1 cargo test).
#[test]
fn rules_doc_is_current() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let generated = magpie_assess::output::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "docs/rules.md is stale: run `magpie rules --format markdown > docs/rules.md`");
}
