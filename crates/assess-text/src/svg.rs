//! An allow-list sanitiser for the inline SVG figures of instrument items.
//!
//! [`sanitise`] parses the markup as XML (the subset a drawing needs:
//! elements, attributes in quotes, text, comments, an XML declaration) and
//! accepts it only when every element and attribute is on the lists below;
//! it then writes the figure again from what it parsed, in one canonical
//! form (attributes separated by a space, values in double quotes, the five
//! XML entities escaped, comments dropped). What reaches a page is that
//! rewritten text, never the author's, so a browser cannot read it any
//! other way than this parser did: glued attributes (`x="a"onload=…`), a
//! form feed before an attribute, entity-encoded `javascript:` and the like
//! are refused as malformed or as not allowed, not passed through.
//!
//! Refused, by construction of the lists: scripts, event handlers (`on…`),
//! `style` (CSS can fetch and run), links and every `href` (`<a>`,
//! `<use>`, `<image>`), `<use>` and `<marker>` (which copy content once per
//! use or per vertex: nested, a "billion laughs" for the renderer), external
//! references (`url(…)` other than `url(#id)`), `<foreignObject>`,
//! animation (`<animate>`, `<set>`: they can rewrite links), `<!DOCTYPE>`
//! (entity definitions), CDATA sections and processing instructions.
//!
//! Linear in the input: one pass, an explicit stack (no recursion), at most
//! [`MAX_SVG_DEPTH`] levels.

/// How deep elements may nest.
pub const MAX_SVG_DEPTH: usize = 32;

/// The SVG namespace, written on the root of every sanitised figure (an
/// SVG shown as an image needs it).
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

const _: () = assert!(MAX_SVG_DEPTH == 32, "the depth message says 32");

/// Why a figure was refused, and the byte offset in the figure's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgError {
    /// What is wrong, in the house style (lowercase, no final period).
    pub message: String,
    /// Byte offset in the figure's text.
    pub at: usize,
}

/// Presentation attributes, allowed on every element.
const PRESENTATION: &[&str] = &[
    "id",
    "transform",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "color",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "clip-path",
    "clip-rule",
    "visibility",
    "display",
    "vector-effect",
    "shape-rendering",
    "paint-order",
    "xml:space",
];

/// Each allowed element with the attributes it adds to [`PRESENTATION`].
const ELEMENTS: &[(&str, &[&str])] = &[
    (
        "svg",
        &[
            "xmlns",
            "xmlns:xlink",
            "viewBox",
            "width",
            "height",
            "x",
            "y",
            "preserveAspectRatio",
            "version",
            "role",
            "aria-label",
            "aria-hidden",
            "focusable",
        ],
    ),
    ("g", &[]),
    ("defs", &[]),
    ("title", &[]),
    ("desc", &[]),
    ("path", &["d", "pathLength"]),
    ("rect", &["x", "y", "width", "height", "rx", "ry"]),
    ("circle", &["cx", "cy", "r"]),
    ("ellipse", &["cx", "cy", "rx", "ry"]),
    ("line", &["x1", "y1", "x2", "y2"]),
    ("polyline", &["points"]),
    ("polygon", &["points"]),
    (
        "text",
        &["x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"],
    ),
    (
        "tspan",
        &["x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"],
    ),
    (
        "linearGradient",
        &[
            "x1",
            "y1",
            "x2",
            "y2",
            "gradientUnits",
            "gradientTransform",
            "spreadMethod",
        ],
    ),
    (
        "radialGradient",
        &[
            "cx",
            "cy",
            "r",
            "fx",
            "fy",
            "gradientUnits",
            "gradientTransform",
            "spreadMethod",
        ],
    ),
    ("stop", &["offset", "stop-color", "stop-opacity"]),
    ("clipPath", &["clipPathUnits"]),
];

/// Elements whose text content is kept (elsewhere only white space may
/// stand between elements).
const TEXT_ELEMENTS: &[&str] = &["title", "desc", "text", "tspan"];

/// Attributes whose value may hold a local `url(#id)` reference.
const URL_ATTRIBUTES: &[&str] = &["fill", "stroke", "clip-path"];

/// Parses `text` as an SVG figure and writes it again in canonical form,
/// or says why it is refused and where.
///
/// # Errors
///
/// The first problem: malformed markup, an element or attribute not on the
/// allow-list, a reference that is not local, nesting deeper than
/// [`MAX_SVG_DEPTH`].
///
/// ```
/// use assess_text::svg::sanitise;
/// let clean = sanitise("<svg viewBox='0 0 10 10'><!-- a dot --><circle cx='5' cy='5' r='2'/></svg>").unwrap();
/// assert_eq!(
///     clean,
///     r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="2"/></svg>"#
/// );
/// let err = sanitise(r#"<svg x="a"onload="alert(1)"></svg>"#).unwrap_err();
/// assert_eq!(err.message, "expected white space before the attribute");
/// ```
pub fn sanitise(text: &str) -> Result<String, SvgError> {
    Parser {
        text,
        b: text.as_bytes(),
        at: 0,
        out: String::with_capacity(text.len() + 48),
    }
    .document()
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    at: usize,
    out: String,
}

/// An element being written: its name and whether anything was written
/// inside it yet (an empty element is closed with `/>`).
struct Open<'a> {
    name: &'a str,
    text_allowed: bool,
}

fn is_space(c: u8) -> bool {
    // XML's white space; a form feed is not one.
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')
}

fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    crate::problem::shown(s)
}

impl<'a> Parser<'a> {
    fn err<T>(&self, at: usize, message: impl Into<String>) -> Result<T, SvgError> {
        Err(SvgError {
            message: message.into(),
            at,
        })
    }

    fn rest(&self) -> &'a [u8] {
        crate::ops::tick(1);
        &self.b[self.at..]
    }

    fn skip_space(&mut self) -> bool {
        let start = self.at;
        while self.at < self.b.len() && is_space(self.b[self.at]) {
            self.at += 1;
        }
        self.at > start
    }

    /// Skips white space, comments and (at the start) an XML declaration;
    /// refuses a DOCTYPE, CDATA or processing instruction.
    fn skip_misc(&mut self, first: bool) -> Result<(), SvgError> {
        loop {
            self.skip_space();
            let r = self.rest();
            if r.starts_with(b"<!--") {
                let start = self.at;
                match find(&r[4..], b"-->") {
                    Some(i) => self.at += 4 + i + 3,
                    None => return self.err(start, "a comment is not closed with `-->`"),
                }
            } else if first && r.starts_with(b"<?xml") && r.get(5).is_some_and(|&c| is_space(c)) {
                let start = self.at;
                match find(r, b"?>") {
                    Some(i) => self.at += i + 2,
                    None => return self.err(start, "the XML declaration is not closed with `?>`"),
                }
            } else if r.starts_with(b"<?") {
                return self.err(self.at, "processing instructions are not allowed");
            } else if r.starts_with(b"<!") {
                return self.err(
                    self.at,
                    "`<!DOCTYPE`, `<![CDATA[` and other declarations are not allowed",
                );
            } else {
                return Ok(());
            }
        }
    }

    fn document(mut self) -> Result<String, SvgError> {
        self.skip_misc(true)?;
        if !self.rest().starts_with(b"<svg") {
            return self.err(self.at, "expected the figure to start with `<svg`");
        }
        let mut stack: Vec<Open<'a>> = Vec::new();
        loop {
            // Between tags: text.
            let start = self.at;
            while self.at < self.b.len() && self.b[self.at] != b'<' {
                crate::ops::tick(1);
                self.at += 1;
            }
            if self.at > start {
                let raw = &self.text[start..self.at];
                match stack.last() {
                    Some(open) if open.text_allowed => {
                        let decoded = decode(raw, start)?;
                        if has_control(&decoded) {
                            return self.err(start, "control characters are not allowed in text");
                        }
                        escape_text(&mut self.out, &decoded);
                    }
                    // White space between elements is dropped.
                    Some(_) if raw.bytes().all(is_space) => {}
                    Some(open) => {
                        return self.err(
                            start,
                            ["text is not allowed directly in <", open.name, ">"].concat(),
                        );
                    }
                    None => return self.err(start, "expected nothing after `</svg>`"),
                }
            }
            if self.at >= self.b.len() {
                return match stack.last() {
                    Some(open) => self.err(
                        self.at,
                        ["<", open.name, "> is not closed before the end"].concat(),
                    ),
                    None => Ok(self.out),
                };
            }
            let r = self.rest();
            if r.starts_with(b"<!--") || r.starts_with(b"<!") || r.starts_with(b"<?") {
                self.skip_misc(false)?;
                continue;
            }
            if r.starts_with(b"</") {
                let start = self.at;
                self.at += 2;
                let name = self.name()?;
                self.skip_space();
                if self.rest().first() != Some(&b'>') {
                    return self.err(self.at, "expected `>` to end the closing tag");
                }
                self.at += 1;
                match stack.pop() {
                    Some(open) if open.name == name => {
                        self.out.push_str("</");
                        self.out.push_str(name);
                        self.out.push('>');
                    }
                    Some(open) => {
                        return self.err(
                            start,
                            [
                                "expected `</",
                                open.name,
                                ">`, found `</",
                                &shown(name),
                                ">`",
                            ]
                            .concat(),
                        );
                    }
                    None => return self.err(start, "a closing tag without an opening tag"),
                }
                if stack.is_empty() {
                    self.skip_misc(false)?;
                    if self.at < self.b.len() {
                        return self.err(self.at, "expected nothing after `</svg>`");
                    }
                    return Ok(self.out);
                }
                continue;
            }
            // An opening tag.
            let tag_start = self.at;
            self.at += 1;
            let name = self.name()?;
            let Some(&(name, extra)) = ELEMENTS.iter().find(|(n, _)| *n == name) else {
                return self.err(
                    tag_start,
                    ["element <", &shown(name), "> is not allowed in a figure"].concat(),
                );
            };
            if stack.is_empty() != (name == "svg") {
                return self.err(tag_start, "expected one <svg> element around the figure");
            }
            if stack.len() >= MAX_SVG_DEPTH {
                return self.err(tag_start, "elements are nested more than 32 deep");
            }
            self.out.push('<');
            self.out.push_str(name);
            if stack.is_empty() {
                self.out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
            }
            let empty = self.attributes(name, extra)?;
            if empty {
                self.out.push_str("/>");
            } else {
                self.out.push('>');
                stack.push(Open {
                    name,
                    text_allowed: TEXT_ELEMENTS.contains(&name),
                });
            }
            if empty && stack.is_empty() {
                self.skip_misc(false)?;
                if self.at < self.b.len() {
                    return self.err(self.at, "expected nothing after the <svg> element");
                }
                return Ok(self.out);
            }
        }
    }

    /// A name at the cursor.
    fn name(&mut self) -> Result<&'a str, SvgError> {
        let start = self.at;
        while self.at < self.b.len() && is_name_byte(self.b[self.at]) {
            self.at += 1;
        }
        if self.at == start || !self.b[start].is_ascii_alphabetic() {
            return self.err(start, "expected a name");
        }
        Ok(&self.text[start..self.at])
    }

    /// The attributes of an opening tag, written out checked; whether the
    /// tag was empty (`/>`).
    fn attributes(&mut self, element: &str, extra: &[&str]) -> Result<bool, SvgError> {
        let mut seen: Vec<&'a str> = Vec::new();
        loop {
            let spaced = self.skip_space();
            match self.rest() {
                [b'>', ..] => {
                    self.at += 1;
                    return Ok(false);
                }
                [b'/', b'>', ..] => {
                    self.at += 2;
                    return Ok(true);
                }
                [] => {
                    return self.err(
                        self.at,
                        ["<", element, "> is not closed before the end"].concat(),
                    );
                }
                _ => {}
            }
            if !spaced {
                return self.err(self.at, "expected white space before the attribute");
            }
            let start = self.at;
            let name = self.name()?;
            self.skip_space();
            if self.rest().first() != Some(&b'=') {
                return self.err(
                    self.at,
                    ["expected `=` after `", &shown(name), "`"].concat(),
                );
            }
            self.at += 1;
            self.skip_space();
            let quote = match self.rest().first() {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return self.err(self.at, "expected the value in quotes"),
            };
            self.at += 1;
            let value_start = self.at;
            while self.at < self.b.len() && self.b[self.at] != quote {
                crate::ops::tick(1);
                if self.b[self.at] == b'<' {
                    return self.err(self.at, "`<` is not allowed in an attribute value");
                }
                self.at += 1;
            }
            if self.at >= self.b.len() {
                return self.err(value_start - 1, "the attribute value is not closed");
            }
            let value = decode(&self.text[value_start..self.at], value_start)?;
            self.at += 1;
            if seen.contains(&name) {
                return self.err(
                    start,
                    ["attribute `", &shown(name), "` is given twice"].concat(),
                );
            }
            seen.push(name);
            self.attribute(element, extra, name, &value, start)?;
        }
    }

    /// Checks one attribute and writes it (or drops a namespace
    /// declaration the canonical form writes itself).
    fn attribute(
        &mut self,
        element: &str,
        extra: &[&str],
        name: &str,
        value: &str,
        at: usize,
    ) -> Result<(), SvgError> {
        if name
            .as_bytes()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"on"))
        {
            return self.err(
                at,
                [
                    "event handler `",
                    &shown(name),
                    "` is not allowed in a figure",
                ]
                .concat(),
            );
        }
        if !PRESENTATION.contains(&name) && !extra.contains(&name) {
            return self.err(
                at,
                [
                    "attribute `",
                    &shown(name),
                    "` is not allowed on <",
                    element,
                    ">",
                ]
                .concat(),
            );
        }
        match name {
            "xmlns" if value != SVG_NS => {
                return self.err(at, "expected xmlns=\"http://www.w3.org/2000/svg\"");
            }
            "xmlns:xlink" if value != XLINK_NS => {
                return self.err(at, "expected xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
            }
            // Written by the canonical form itself.
            "xmlns" | "xmlns:xlink" => return Ok(()),
            _ => {}
        }
        // Presentation attributes are read as CSS, where `\75 rl(` is
        // `url(`: no escapes, and no `url(` but a local one.
        if value.contains('\\') && name != "aria-label" {
            return self.err(at, "`\\` is not allowed in an attribute value");
        }
        if value
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"url("))
        {
            let v = value.trim();
            let local = URL_ATTRIBUTES.contains(&name)
                && v.strip_prefix("url(")
                    .and_then(|r| r.strip_suffix(')'))
                    .is_some_and(is_local_ref);
            if !local {
                return self.err(at, "a figure may use only local references, `url(#id)`");
            }
        }
        if has_control(value) {
            return self.err(
                at,
                "control characters are not allowed in an attribute value",
            );
        }
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_attr(&mut self.out, value);
        self.out.push('"');
        Ok(())
    }
}

/// Whether `s` has a control character other than tab, line feed and
/// carriage return (XML allows no others).
fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `#` and an id of letters, digits, `-`, `_`, `.`.
fn is_local_ref(v: &str) -> bool {
    v.strip_prefix('#').is_some_and(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let at = hay.windows(needle.len()).position(|w| w == needle);
    crate::ops::tick(at.unwrap_or(hay.len()));
    at
}

/// Replaces the five XML entities and character references in `raw`
/// (which starts at byte `base` of the figure); refuses any other entity.
fn decode(raw: &str, base: usize) -> Result<std::borrow::Cow<'_, str>, SvgError> {
    if !raw.contains('&') {
        return Ok(std::borrow::Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = base + (raw.len() - rest.len()) + i;
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            return Err(SvgError {
                message: "expected an entity such as `&amp;` after `&`".into(),
                at,
            });
        };
        let entity = &after[..end];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32)
                .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')),
        };
        match c {
            Some(c) => out.push(c),
            None => {
                return Err(SvgError {
                    message: ["unknown or disallowed entity `&", &shown(entity), ";`"].concat(),
                    at,
                });
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(std::borrow::Cow::Owned(out))
}

fn escape_attr(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

fn escape_text(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
