//! The files that go between department and bureau (报送包, 审核意见) are zip archives; a test
//! changes one member of a copy to see the change refused.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A copy at `to` of the zip archive (报送包 or 审核意见) at `from`, with `change` applied to
/// the bytes of the member named `member`; returns `to`.
pub fn altered_copy(
    from: &Path,
    to: &Path,
    member: &str,
    change: impl Fn(&mut Vec<u8>),
) -> PathBuf {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == member {
            change(&mut bytes);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
    to.to_path_buf()
}
