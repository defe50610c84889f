//! Atomic file writes: a user's file is either the old bytes or the new bytes, never half.
use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` through a temp file in the same folder and a rename.
/// When `path` exists and differs, the old file is kept as `<path>.bak`.
/// When the content is byte-identical, the file is not touched at all.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, format!("folder {} does not exist", dir.display())),
        ));
    }
    if let Ok(old) = std::fs::read(path) {
        if old == bytes {
            return Ok(());
        }
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        std::fs::copy(path, &bak).map_err(|e| Error::io(&bak, e))?;
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keeps_backup_and_skips_identical() {
        let dir = std::env::temp_dir().join(format!("magpie-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("plan.jmx");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert!(!dir.join("plan.jmx.bak").exists());
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(dir.join("plan.jmx.bak")).unwrap(), b"one");
        let before = std::fs::metadata(&p).unwrap().modified().unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_folder_is_an_error_and_writes_nothing() {
        let p = std::env::temp_dir().join("magpie-no-such-dir-xyz").join("plan.jmx");
        let err = write_atomic(&p, b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!p.exists());
    }
}
