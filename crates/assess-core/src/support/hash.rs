//! Content hashes that let a stored result be traced to the exact file.
//!
//! What is hashed: the instrument's source text as UTF-8 bytes, after
//! removing a leading byte-order mark and turning every CRLF line ending
//! into LF. Nothing else is normalised: a changed comment or item text gives
//! a new hash, while checking the same file out on Windows or Linux gives
//! the same one. The hash is SHA-256, written as `sha256:` and 64 lowercase
//! hexadecimal digits.

use sha2::{Digest, Sha256};

/// SHA-256 of `text` normalised as described in the module documentation,
/// as `sha256:<64 hex digits>`.
pub fn content_hash(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut hasher = Sha256::new();
    let mut rest = text.as_bytes();
    while let Some(pos) = find_crlf(rest) {
        hasher.update(&rest[..pos]);
        hasher.update(b"\n");
        rest = &rest[pos + 2..];
    }
    hasher.update(rest);
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest.iter() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn find_crlf(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|w| w == b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sha256_vectors() {
        // FIPS 180-2, Appendix B.1: SHA-256("abc").
        assert_eq!(
            content_hash("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // SHA-256 of the empty string.
        assert_eq!(
            content_hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn line_endings_and_bom_do_not_change_the_hash() {
        let unix = "a = 1\nb = 2\n";
        assert_eq!(content_hash(unix), content_hash("a = 1\r\nb = 2\r\n"));
        assert_eq!(content_hash(unix), content_hash("\u{feff}a = 1\nb = 2\n"));
        // A lone CR is content, not a line ending.
        assert_ne!(content_hash(unix), content_hash("a = 1\rb = 2\n"));
    }
}
