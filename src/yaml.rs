//! YAML to a tree of nodes that remember where they stand.
//!
//! serde_yaml reports only the first error of a document, and for missing
//! fields, duplicate keys and custom checks it points at the enclosing mapping
//! instead of the value (see the README's design section). Annals wants every
//! problem with its exact line and column, so it reads the parser events of
//! `unsafe-libyaml` — the parser serde_yaml itself is built on, so documents
//! are accepted and rejected exactly as serde_yaml would — into a small
//! [`Node`] tree, and the `content` and `config` modules check that tree
//! field by field.
//!
//! Anchors and aliases are refused: front matter does not need them, and it
//! makes alias bombs impossible. Nesting deeper than [`MAX_DEPTH`] is refused
//! as soon as it is seen, before the parser can spend time on it.

mod simple;

use std::ptr::addr_of_mut;

/// How deep collections may nest; front matter needs three or four levels.
pub const MAX_DEPTH: usize = 32;

/// A position in the parsed text: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar, as written. `plain` is false for quoted and block scalars,
    /// which are always strings (so `"null"` is text, `null` is nothing).
    Scalar {
        value: String,
        plain: bool,
        pos: Pos,
    },
    Seq {
        items: Vec<Node>,
        pos: Pos,
    },
    /// Entries in document order; keys are scalars, duplicates are reported
    /// by [`parse`] and only the first is kept.
    Map {
        entries: Vec<(Key, Node)>,
        pos: Pos,
    },
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

/// Something wrong in the YAML text itself.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    pub help: Option<String>,
    /// For a duplicate key, where the key was first given.
    pub first: Option<Pos>,
}

impl Node {
    /// Where the value starts.
    pub fn pos(&self) -> Pos {
        match self {
            Node::Scalar { pos, .. } | Node::Seq { pos, .. } | Node::Map { pos, .. } => *pos,
        }
    }

    /// True for a plain `~`, `null`, `Null`, `NULL` or an empty plain value.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { value, plain: true, .. }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What kind of value this is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Scalar { .. } if self.is_null() => "nothing (null)",
            Node::Scalar { .. } => "text",
            Node::Seq { .. } => "a list",
            Node::Map { .. } => "a mapping",
        }
    }
}

/// Parses one YAML document. An empty document is an empty mapping.
///
/// Returns the tree (if the text could be parsed at all) and every problem
/// found. A syntax error ends parsing, so it is always the last problem and
/// comes with no tree.
///
/// Plain front matter is read by the fast reader in [`simple`]; anything
/// else by libyaml. Both give the same result ([`parse_with_libyaml`]).
pub fn parse(text: &str) -> (Option<Node>, Vec<YamlError>) {
    match simple::events(text) {
        Some(events) => build(events.into_iter().map(Ok)),
        None => parse_with_libyaml(text),
    }
}

/// [`parse`], always with libyaml: for comparing the two.
pub fn parse_with_libyaml(text: &str) -> (Option<Node>, Vec<YamlError>) {
    let mut parser = Parser::new(text);
    build(std::iter::from_fn(move || Some(parser.next())))
}

/// The tree and problems from a stream of parser events.
fn build(
    events: impl Iterator<Item = Result<(Event, Pos), YamlError>>,
) -> (Option<Node>, Vec<YamlError>) {
    let mut builder = Builder {
        stack: Vec::new(),
        errors: Vec::new(),
        root: None,
    };
    let mut documents = 0;
    for event in events {
        match event {
            Err(e) => {
                builder.errors.push(e);
                return (None, builder.errors);
            }
            Ok((Event::StreamEnd, _)) => break,
            Ok((Event::DocumentStart, pos)) => {
                documents += 1;
                if documents > 1 {
                    builder.errors.push(YamlError {
                        pos,
                        message: "a second YAML document (`---`) inside front matter".into(),
                        help: Some(
                            "front matter is one YAML mapping between two `---` lines".into(),
                        ),
                        first: None,
                    });
                    return (None, builder.errors);
                }
            }
            Ok((event, pos)) => {
                if let Err(e) = builder.event(event, pos) {
                    builder.errors.push(e);
                    return (None, builder.errors);
                }
            }
        }
    }
    let root = builder.root.unwrap_or(Node::Map {
        entries: Vec::new(),
        pos: Pos { line: 1, column: 1 },
    });
    (Some(root), builder.errors)
}

enum Event {
    StreamEnd,
    DocumentStart,
    Other,
    Alias,
    Scalar {
        value: String,
        plain: bool,
        anchored: bool,
    },
    SeqStart {
        anchored: bool,
    },
    SeqEnd,
    MapStart {
        anchored: bool,
    },
    MapEnd,
}

/// Collections being built, innermost last.
struct Builder {
    stack: Vec<Open>,
    errors: Vec<YamlError>,
    root: Option<Node>,
}

enum Open {
    Seq(Vec<Node>, Pos),
    /// Entries so far, the key waiting for its value, and the map's position.
    Map(Vec<(Key, Node)>, Option<Key>, Pos),
}

impl Builder {
    fn event(&mut self, event: Event, pos: Pos) -> Result<(), YamlError> {
        let anchor_error = |pos| YamlError {
            pos,
            message:
                "YAML anchors (`&name`) and aliases (`*name`) are not supported in front matter"
                    .into(),
            help: Some(
                "write the value out in full; if the text starts with `*` or `&`, put it in quotes"
                    .into(),
            ),
            first: None,
        };
        match event {
            Event::StreamEnd | Event::DocumentStart | Event::Other => Ok(()),
            Event::Alias => Err(anchor_error(pos)),
            Event::Scalar { anchored: true, .. }
            | Event::SeqStart { anchored: true }
            | Event::MapStart { anchored: true } => Err(anchor_error(pos)),
            Event::Scalar { value, plain, .. } => {
                self.add(Node::Scalar { value, plain, pos });
                Ok(())
            }
            Event::SeqStart { .. } | Event::MapStart { .. } => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(YamlError {
                        pos,
                        message: format!("values are nested more than {MAX_DEPTH} levels deep"),
                        help: Some(
                            "front matter needs only a few levels of lists and mappings".into(),
                        ),
                        first: None,
                    });
                }
                self.stack.push(match event {
                    Event::SeqStart { .. } => Open::Seq(Vec::new(), pos),
                    _ => Open::Map(Vec::new(), None, pos),
                });
                Ok(())
            }
            Event::SeqEnd | Event::MapEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(items, pos)) => Node::Seq { items, pos },
                    Some(Open::Map(entries, _, pos)) => Node::Map { entries, pos },
                    None => return Ok(()),
                };
                self.add(node);
                Ok(())
            }
        }
    }

    /// Puts a finished node where it belongs: a list item, a key, a value or
    /// the root.
    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, pending, _)) => match pending.take() {
                Some(key) => {
                    if let Some((first, _)) = entries.iter().find(|(k, _)| k.name == key.name) {
                        self.errors.push(YamlError {
                            pos: key.pos,
                            message: format!("`{}` is given twice", key.name),
                            help: Some("keep one of them".into()),
                            first: Some(first.pos),
                        });
                    } else {
                        entries.push((key, node));
                    }
                }
                None => {
                    let name = match &node {
                        Node::Scalar { value, .. } => value.clone(),
                        other => {
                            self.errors.push(YamlError {
                                pos: other.pos(),
                                message: format!("a key must be a name, not {}", other.kind()),
                                help: None,
                                first: None,
                            });
                            String::new()
                        }
                    };
                    *pending = Some(Key {
                        name,
                        pos: node.pos(),
                    });
                }
            },
        }
    }
}

/// A safe, owning wrapper over libyaml's event parser.
struct Parser<'t> {
    /// Boxed: libyaml keeps pointers into the parser struct, so it must not move.
    sys: Box<unsafe_libyaml::yaml_parser_t>,
    _text: std::marker::PhantomData<&'t str>,
    failed: bool,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Self {
        // SAFETY: `yaml_parser_initialize` fully initialises the struct it is
        // given; the input string outlives the parser (lifetime 't), and the
        // parser stays at one address in its Box until `Drop` deletes it.
        unsafe {
            let mut raw: Box<std::mem::MaybeUninit<unsafe_libyaml::yaml_parser_t>> =
                Box::new_uninit();
            let ptr = raw.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(ptr).fail {
                // Only fails when memory cannot be allocated.
                std::process::abort();
            }
            unsafe_libyaml::yaml_parser_set_encoding(ptr, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(ptr, text.as_ptr(), text.len() as u64);
            Parser {
                sys: raw.assume_init(),
                _text: std::marker::PhantomData,
                failed: false,
            }
        }
    }

    fn next(&mut self) -> Result<(Event, Pos), YamlError> {
        if self.failed {
            return Ok((Event::StreamEnd, Pos::default()));
        }
        let mut event = std::mem::MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; on success the event is
        // initialised, read here, and deleted before returning.
        unsafe {
            let parser = addr_of_mut!(*self.sys);
            if unsafe_libyaml::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                self.failed = true;
                return Err(self.error());
            }
            let ev = event.as_mut_ptr();
            let pos = self.pos((*ev).start_mark);
            let converted = match (*ev).type_ {
                unsafe_libyaml::YAML_STREAM_END_EVENT => Event::StreamEnd,
                unsafe_libyaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
                unsafe_libyaml::YAML_ALIAS_EVENT => Event::Alias,
                unsafe_libyaml::YAML_SCALAR_EVENT => {
                    let s = (*ev).data.scalar;
                    let bytes = std::slice::from_raw_parts(s.value, s.length as usize);
                    Event::Scalar {
                        value: String::from_utf8_lossy(bytes).into_owned(),
                        plain: s.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE,
                        anchored: !s.anchor.is_null(),
                    }
                }
                unsafe_libyaml::YAML_SEQUENCE_START_EVENT => Event::SeqStart {
                    anchored: !(*ev).data.sequence_start.anchor.is_null(),
                },
                unsafe_libyaml::YAML_SEQUENCE_END_EVENT => Event::SeqEnd,
                unsafe_libyaml::YAML_MAPPING_START_EVENT => Event::MapStart {
                    anchored: !(*ev).data.mapping_start.anchor.is_null(),
                },
                unsafe_libyaml::YAML_MAPPING_END_EVENT => Event::MapEnd,
                _ => Event::Other,
            };
            unsafe_libyaml::yaml_event_delete(ev);
            Ok((converted, pos))
        }
    }

    /// The parser's error, placed where the trouble started when libyaml
    /// says so (an unclosed quote is noticed only at the end of the text).
    fn error(&self) -> YamlError {
        // SAFETY: problem and context are null or point at static C strings.
        let (problem, context, problem_mark, context_mark) = unsafe {
            let p = &*self.sys;
            (
                c_text(p.problem),
                c_text(p.context),
                p.problem_mark,
                p.context_mark,
            )
        };
        let problem_pos = self.pos(problem_mark);
        let context_pos = self.pos(context_mark);
        let mut message = problem.unwrap_or_else(|| "YAML could not be parsed".into());
        let pos = match context {
            Some(context) if context_pos.line > 0 && context_pos != problem_pos => {
                message = format!("{message} ({context} that starts here)");
                context_pos
            }
            Some(context) => {
                message = format!("{message} ({context})");
                problem_pos
            }
            None => problem_pos,
        };
        YamlError {
            pos,
            message: format!("invalid YAML: {message}"),
            help: Some(syntax_help(&message)),
            first: None,
        }
    }

    /// Converts a libyaml mark (0-based line, 0-based column in characters)
    /// to a 1-based position.
    fn pos(&self, mark: unsafe_libyaml::yaml_mark_t) -> Pos {
        Pos {
            line: mark.line as usize + 1,
            column: mark.column as usize + 1,
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`, deleted exactly once here.
        unsafe { unsafe_libyaml::yaml_parser_delete(addr_of_mut!(*self.sys)) }
    }
}

/// Reads a C string libyaml points at, if any.
unsafe fn c_text(ptr: *const std::ffi::c_char) -> Option<String> {
    if ptr.is_null() {
        None
    } else {
        // SAFETY: libyaml's messages are NUL-terminated static strings.
        Some(
            unsafe { std::ffi::CStr::from_ptr(ptr) }
                .to_string_lossy()
                .into_owned(),
        )
    }
}

/// A hint for the usual causes of YAML syntax errors in front matter.
fn syntax_help(message: &str) -> String {
    if message.contains("tab") || message.contains("cannot start any token") {
        "indent with spaces, not tabs; values starting with @, `, % or similar must be quoted"
            .into()
    } else if message.contains("mapping values are not allowed") {
        "a value containing `: ` must be quoted, e.g. title: \"Talks: day two\"; check the indentation too".into()
    } else if message.contains("quoted scalar") {
        "close the quote on the same value".into()
    } else if message.contains("alias") || message.contains("anchor") {
        "a value starting with `*` or `&` must be quoted".into()
    } else {
        "check the quoting and indentation here; values with `: `, `#` or brackets are safest quoted".into()
    }
}

#[cfg(test)]
mod tests;
