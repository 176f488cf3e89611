//! Sealed adaptive-test tokens: the session travels with the client, but
//! encrypted and authenticated with the server's key (XChaCha20-Poly1305,
//! RustCrypto's `chacha20poly1305`), so the client can neither read the
//! answers and estimates in it nor forge or edit a state. A token names its
//! session (a random 128-bit id) and its step; the store records each
//! (session, step) once it is spent, so a state advances once.
//!
//! Layout: `base64url(1 ‖ nonce[24] ‖ ciphertext)`; the plaintext is a JSON
//! header line `{"sid","n","inst","lang","exp"}`, a newline, then the
//! engine's session JSON. The associated data binds the format version.

use assess_core::cat::CatSession;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

const VERSION: u8 = 1;
const AAD: &[u8] = b"assess-cat-token-v1";
/// Largest token accepted (a session of the largest bank is far smaller).
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;

/// What a token says besides the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The session's id: 32 hex digits, random.
    pub sid: String,
    /// The step this state is at (items given so far).
    pub n: u64,
    /// The instrument's id.
    pub inst: String,
    /// The language of the item views.
    pub lang: String,
    /// Expiry, seconds since the Unix epoch.
    pub exp: u64,
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token of this server (bad encoding, forged, edited, another key).
    Invalid,
    /// Past its expiry.
    Expired,
}

/// Seals and opens tokens with one key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    /// A sealer with a 32-byte key.
    pub fn new(key: &[u8; 32]) -> Self {
        Sealer {
            cipher: XChaCha20Poly1305::new(Key::from_slice(key)),
        }
    }

    /// Seals a session.
    ///
    /// # Errors
    ///
    /// When the system's random source fails (no nonce can be drawn).
    pub fn seal(&self, header: &Header, session: &CatSession) -> Result<String, getrandom::Error> {
        let mut plain = serde_json::to_string(header).unwrap_or_default();
        plain.push('\n');
        plain.push_str(&session.to_json());
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce)?;
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: AAD,
                },
            )
            // Encryption fails only for messages beyond 256 GiB.
            .unwrap_or_default();
        let mut raw = Vec::with_capacity(1 + 24 + sealed.len());
        raw.push(VERSION);
        raw.extend_from_slice(&nonce);
        raw.extend_from_slice(&sealed);
        Ok(URL_SAFE_NO_PAD.encode(raw))
    }

    /// Opens a token sealed by this key, checking its expiry against `now`
    /// (seconds since the Unix epoch).
    ///
    /// # Errors
    ///
    /// [`TokenError::Invalid`] for anything this key did not seal
    /// unchanged; [`TokenError::Expired`] after its expiry.
    pub fn open(&self, token: &str, now: u64) -> Result<(Header, CatSession), TokenError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(TokenError::Invalid);
        }
        let raw = URL_SAFE_NO_PAD
            .decode(token.as_bytes())
            .map_err(|_| TokenError::Invalid)?;
        if raw.len() < 1 + 24 + 16 || raw[0] != VERSION {
            return Err(TokenError::Invalid);
        }
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(&raw[1..25]),
                Payload {
                    msg: &raw[25..],
                    aad: AAD,
                },
            )
            .map_err(|_| TokenError::Invalid)?;
        // Authentic, so written by this server: anything unreadable from
        // here on is still refused, never trusted.
        let plain = std::str::from_utf8(&plain).map_err(|_| TokenError::Invalid)?;
        let (head, session) = plain.split_once('\n').ok_or(TokenError::Invalid)?;
        let header: Header = serde_json::from_str(head).map_err(|_| TokenError::Invalid)?;
        if header.exp <= now {
            return Err(TokenError::Expired);
        }
        let session = CatSession::from_json(session).map_err(|_| TokenError::Invalid)?;
        Ok((header, session))
    }
}

/// 16 random bytes as 32 lowercase hex digits.
///
/// # Errors
///
/// When the system's random source fails.
pub fn random_id() -> Result<String, getrandom::Error> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b)?;
    Ok(hex(&b))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A key from 64 hex digits.
pub fn key_from_hex(text: &str) -> Option<[u8; 32]> {
    let t = text.trim();
    if t.len() != 64 || !t.is_ascii() {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, k) in key.iter_mut().enumerate() {
        *k = u8::from_str_radix(&t[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use assess_core::cat::{ItemBank, start};

    fn session() -> CatSession {
        let inst =
            assess_core::Instrument::from_toml(include_str!("../../../instruments/aptitude.toml"))
                .unwrap();
        let bank = ItemBank::from_instrument(&inst).unwrap();
        start(&bank, assess_core::cat::CatConfig::default(), 7)
            .unwrap()
            .session
    }

    fn header(exp: u64) -> Header {
        Header {
            sid: random_id().unwrap(),
            n: 0,
            inst: "aptitude".into(),
            lang: "id".into(),
            exp,
        }
    }

    #[test]
    fn a_sealed_session_opens_unchanged_and_hides_its_content() {
        let s = Sealer::new(&[7; 32]);
        let (h, sess) = (header(100), session());
        let t = s.seal(&h, &sess).unwrap();
        assert_eq!(s.open(&t, 99).unwrap(), (h, sess.clone()));
        // The item ids and the posterior are not readable in the token.
        let raw = URL_SAFE_NO_PAD.decode(&t).unwrap();
        let pending = sess.pending.unwrap().id;
        assert!(!raw.windows(pending.len()).any(|w| w == pending.as_bytes()));
        // Two seals of one state differ (fresh nonce).
        assert_ne!(t, s.seal(&header(100), &session()).unwrap());
    }

    #[test]
    fn forged_edited_expired_and_foreign_tokens_are_refused() {
        let s = Sealer::new(&[7; 32]);
        let t = s.seal(&header(100), &session()).unwrap();
        assert_eq!(s.open(&t, 100).unwrap_err(), TokenError::Expired);
        assert_eq!(
            Sealer::new(&[8; 32]).open(&t, 0).unwrap_err(),
            TokenError::Invalid
        );
        let mut raw = URL_SAFE_NO_PAD.decode(&t).unwrap();
        for i in [0, 1, 30, raw.len() - 1] {
            raw[i] ^= 1;
            let edited = URL_SAFE_NO_PAD.encode(&raw);
            assert_eq!(s.open(&edited, 0).unwrap_err(), TokenError::Invalid);
            raw[i] ^= 1;
        }
        for bad in ["", "x", "!!!!", &"A".repeat(MAX_TOKEN_BYTES + 1)] {
            assert_eq!(s.open(bad, 0).unwrap_err(), TokenError::Invalid);
        }
    }

    #[test]
    fn keys_read_from_hex() {
        assert_eq!(key_from_hex(&"0f".repeat(32)), Some([15; 32]));
        assert_eq!(key_from_hex("0f"), None);
        assert_eq!(key_from_hex(&"zz".repeat(32)), None);
        assert_eq!(key_from_hex(&"é".repeat(32)), None);
    }
}
