//! Where the data keys live: a key file outside the database. The embedded default creates
//! one beside the SQLite file on first start (readable by its owner only); production names
//! a file (`--data-key-file`) or passes the file's text in `NSDB_DATA_KEYS`.
use anyhow::{bail, Context};
use nsdb_domain::data_keys::DataKeys;
use std::path::Path;

/// The file name of the key file created in the data directory.
pub const DEFAULT_FILE: &str = "data-key.json";

/// Reads the key file, creating it first when `create` allows and it does not exist.
pub fn load(path: &Path, create: bool) -> anyhow::Result<DataKeys> {
    if !path.exists() {
        if !create {
            bail!(
                "データ鍵ファイル {} がありません。--data-key-file で既存の鍵ファイルを指定してください（鍵がなければ患者の個人情報を復号できません）。",
                path.display()
            );
        }
        let keys = DataKeys::generate();
        write(path, &keys)?;
        tracing::info!(path = %path.display(), "created a new data key file");
        return Ok(keys);
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("データ鍵ファイル {} を読めません", path.display()))?;
    DataKeys::parse(&text).with_context(|| format!("データ鍵ファイル {}", path.display()))
}

/// Writes the key ring so that a crash leaves either the old or the new file, never half
/// of one: to a temporary file beside it, then renamed over it.
pub fn write(path: &Path, keys: &DataKeys) -> anyhow::Result<()> {
    let temporary = path.with_extension("json.new");
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&temporary)
            .with_context(|| format!("データ鍵ファイル {} を書けません", temporary.display()))?;
        std::io::Write::write_all(&mut file, keys.to_file_text().as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&temporary, path)
        .with_context(|| format!("データ鍵ファイル {} を置き換えられません", path.display()))?;
    Ok(())
}

/// The key ring from the environment's key-file text (`NSDB_DATA_KEYS`).
pub fn from_text(text: &str) -> anyhow::Result<DataKeys> {
    DataKeys::parse(text).context("NSDB_DATA_KEYS")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_created_once_and_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_FILE);
        assert!(load(&path, false).is_err());
        let created = load(&path, true).unwrap();
        let again = load(&path, true).unwrap();
        assert_eq!(created.current_key_id(), again.current_key_id());
        let sealed = created.seal(b"x", "c");
        assert_eq!(again.open(&sealed, "c").unwrap(), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by its owner only");
        }
    }
}
