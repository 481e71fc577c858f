//! A note's own self-check: the `- [ ]` / `- [x]` boxes under a heading
//! such as `### Quick self-check (5 items)`, which learners tick in their
//! editor as they learn. Pure: reads a note's body, nothing else.
//!
//! Which headings: one whose text, ignoring case and a trailing
//! parenthesis that holds a number (`(5 items)`, `(5)`), is an entry of
//! `SelfCheckHeadings`. A plain `## Checklist` is a to-do list, not a
//! self-check. The section runs to the next heading of the same or a
//! higher rank (a `##` ends a `###` section; a `####` does not). Boxes
//! count anywhere in it, nested or inside a callout, but not in code
//! blocks, HTML comments or `%%comments%%`.

use crate::vault::links::{LineIndex, MARKDOWN_OPTIONS};
use crate::vault::pieces::events;
use crate::vault::write::is_box_mark;
use crate::vault::Note;
use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd};

/// The headings that open a self-check, in lower case.
pub const DEFAULT_HEADINGS: &[&str] = &[
    "quick self-check",
    "self-check",
    "self check",
    "self-test",
    "checklist (self-test)",
    "自测",
    "自我检测",
    "自我检查",
    "セルフチェック",
    "자가 점검",
    "самопроверка",
];

/// The list of self-check headings (a setting, `--self-check-heading`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckHeadings(Vec<String>);

impl Default for SelfCheckHeadings {
    fn default() -> Self {
        SelfCheckHeadings(DEFAULT_HEADINGS.iter().map(|h| h.to_string()).collect())
    }
}

impl SelfCheckHeadings {
    /// Headings as the user wrote them; case does not matter.
    pub fn new<S: AsRef<str>>(headings: &[S]) -> Self {
        SelfCheckHeadings(
            headings
                .iter()
                .map(|h| h.as_ref().trim().to_lowercase())
                .collect(),
        )
    }

    /// Whether a heading with this text opens a self-check.
    pub fn matches(&self, heading: &str) -> bool {
        // Chinese and Japanese write the count in full-width parentheses.
        let heading = heading.trim().replace('（', "(").replace('）', ")");
        let text = without_count(&heading).to_lowercase();
        self.0.contains(&text)
    }
}

/// `Quick self-check (5 items)` → `Quick self-check`; a parenthesis that
/// does not start with a number stays (`Checklist (self-test)`).
fn without_count(heading: &str) -> &str {
    if let Some(open) = heading.rfind('(').filter(|_| heading.ends_with(')')) {
        let inside = &heading[open + 1..heading.len() - 1];
        if inside
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
        {
            return heading[..open].trim_end();
        }
    }
    heading
}

/// One box of a self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckBox {
    pub text: String,
    pub ticked: bool,
    /// 1-based line in the note's file.
    pub line: u32,
    /// Byte offset of its `[` in the note's text, where ticking it from
    /// the window changes the one character after (`vault::write`).
    pub marker: usize,
}

/// A note's self-check: every box of its self-check sections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelfCheck {
    pub boxes: Vec<CheckBox>,
}

impl SelfCheck {
    pub fn ticked(&self) -> usize {
        self.boxes.iter().filter(|b| b.ticked).count()
    }

    pub fn total(&self) -> usize {
        self.boxes.len()
    }

    pub fn complete(&self) -> bool {
        self.ticked() == self.total()
    }

    pub fn tally(&self) -> Tally {
        Tally {
            ticked: self.ticked() as u32,
            total: self.total() as u32,
        }
    }
}

/// How much of a self-check is ticked: what the graph's colours, arcs and
/// the progress views need of every note, without its boxes' text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub ticked: u32,
    pub total: u32,
}

impl Tally {
    /// Every box ticked (a self-check always holds at least one).
    pub fn complete(self) -> bool {
        self.ticked >= self.total
    }

    /// The ticked part, from 0 to 1.
    pub fn share(self) -> f32 {
        self.ticked as f32 / self.total.max(1) as f32
    }
}

/// Where a note's self-check stands, for colours and legends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckState {
    AllTicked,
    SomeTicked,
    NoneTicked,
    NoSelfCheck,
}

impl CheckState {
    pub const ALL: [CheckState; 4] = [
        CheckState::AllTicked,
        CheckState::SomeTicked,
        CheckState::NoneTicked,
        CheckState::NoSelfCheck,
    ];

    pub fn of(tally: Option<Tally>) -> CheckState {
        match tally {
            None => CheckState::NoSelfCheck,
            Some(t) if t.complete() => CheckState::AllTicked,
            Some(t) if t.ticked > 0 => CheckState::SomeTicked,
            Some(_) => CheckState::NoneTicked,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckState::AllTicked => "self-check all ticked",
            CheckState::SomeTicked => "some ticked",
            CheckState::NoneTicked => "none ticked",
            CheckState::NoSelfCheck => "no self-check",
        }
    }
}

/// Every note's tally, by `NoteId`.
pub fn tallies(vault: &crate::vault::Vault, headings: &SelfCheckHeadings) -> Vec<Option<Tally>> {
    (vault.notes.iter())
        .map(|n| self_check(n, headings).map(|c| c.tally()))
        .collect()
}

/// Whether `body` holds anything that could be a box: most notes hold
/// none, and this spares them a Markdown parse.
fn may_hold_a_box(body: &str) -> bool {
    let bytes = body.as_bytes();
    body.match_indices(']').any(|(at, _)| {
        // pulldown-cmark reads a tab, vertical tab or form feed between
        // the brackets as an empty box too.
        at >= 2 && bytes[at - 2] == b'[' && is_box_mark(bytes[at - 1])
    })
}

/// The note's self-check, or `None` when no self-check section holds a box.
pub fn self_check(note: &Note, headings: &SelfCheckHeadings) -> Option<SelfCheck> {
    if !may_hold_a_box(note.body()) {
        return None;
    }
    let body = without_comments(note.body());
    let lines = LineIndex::new(&note.text);
    let mut walk = Walk::default();
    let options = MARKDOWN_OPTIONS | Options::ENABLE_TASKLISTS;
    for (event, range) in events(&body, options) {
        // A box's range starts after its list marker, which may be
        // followed by tabs: the marker is at its `[`.
        let skip = match event {
            Event::TaskListMarker(_) => body[range.clone()].find('[').unwrap_or(0),
            _ => 0,
        };
        let at = note.body_offset + range.start + skip;
        walk.event(event, at, || lines.line(at), headings);
    }
    walk.finish_box();
    (!walk.found.boxes.is_empty()).then_some(walk.found)
}

/// Where the walk stands: the open heading, the self-check section it is
/// in (by rank), and the box whose text is being read.
#[derive(Default)]
struct Walk {
    heading: Option<(HeadingLevel, String)>,
    section: Option<HeadingLevel>,
    reading: Option<CheckBox>,
    found: SelfCheck,
}

impl Walk {
    /// `at`: the event's byte offset in the note's text.
    fn event(
        &mut self,
        event: Event,
        at: usize,
        line: impl Fn() -> u32,
        headings: &SelfCheckHeadings,
    ) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.finish_box();
                if self.section.is_some_and(|s| level <= s) {
                    self.section = None;
                }
                self.heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = self.heading.take() {
                    if self.section.is_none() && headings.matches(&text) {
                        self.section = Some(level);
                    }
                }
            }
            Event::TaskListMarker(ticked) if self.section.is_some() => {
                self.finish_box();
                self.reading = Some(CheckBox {
                    text: String::new(),
                    ticked,
                    line: line(),
                    marker: at,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = self.heading.as_mut() {
                    text.push_str(&t);
                } else if let Some(b) = self.reading.as_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = self.reading.as_mut() {
                    b.text.push(' ');
                }
            }
            // A nested list or the item's end closes the box's own text.
            Event::Start(Tag::List(_)) | Event::End(TagEnd::Item) => self.finish_box(),
            _ => {}
        }
    }

    fn finish_box(&mut self) {
        if let Some(mut b) = self.reading.take() {
            b.text = b.text.trim().to_string();
            self.found.boxes.push(b);
        }
    }
}

/// The body with `%%…%%` comments blanked (same length, so offsets hold);
/// HTML comments and code are left to the Markdown parser.
fn without_comments(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains("%%") {
        return body.into();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("%%") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("%%").map_or(after.len(), |c| c + 2);
        let hidden = &rest[open..open + 2 + close];
        // Same byte length: a blanked character of several bytes becomes
        // as many spaces.
        for c in hidden.chars() {
            match c {
                '\n' => out.push('\n'),
                _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        rest = &rest[open + 2 + close..];
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    /// Every shape the issue names, in one note; the expected boxes are
    /// counted by hand below.
    const NOTE: &str = "---
title: Shapes
---
# Shapes

## Checklist
- [ ] a to-do, not a self-check
- [x] another to-do

### Quick self-check (5 items)
- [ ] I can define it
- [x] I can name a trade-off
  - [X] nested and ticked with a capital X
> [!tip] In a callout
> - [ ] a box in a callout

```
- [x] in a code block: not counted
```
<!--
- [x] in an HTML comment: not counted
-->
%%
- [x] in an Obsidian comment: not counted
%%

#### A smaller heading does not end the section
- [x] still counted

## Next part
- [ ] after a `##`: not counted

### Self-test
- [ ] a second section counts too

## Самопроверка (3)
- [x] Я могу объяснить
";

    #[test]
    fn boxes_are_counted_in_every_shape_the_issue_names() {
        let v = vault(&[("shapes.md", NOTE)]);
        let check = self_check(&v.notes[0], &SelfCheckHeadings::default()).unwrap();
        let got: Vec<(&str, bool)> = (check.boxes.iter())
            .map(|b| (b.text.as_str(), b.ticked))
            .collect();
        assert_eq!(
            got,
            vec![
                ("I can define it", false),
                ("I can name a trade-off", true),
                ("nested and ticked with a capital X", true),
                ("a box in a callout", false),
                ("still counted", true),
                ("a second section counts too", false),
                ("Я могу объяснить", true),
            ]
        );
        assert_eq!(
            (check.ticked(), check.total(), check.complete()),
            (4, 7, false)
        );
        // Lines are the file's: "- [ ] I can define it" is line 11.
        assert_eq!(check.boxes[0].line, 11);
        // Each marker points at its box in the file's text.
        let text = &v.notes[0].text;
        for b in &check.boxes {
            let mark = if b.ticked {
                ["[x]", "[X]"]
            } else {
                ["[ ]", "[ ]"]
            };
            assert!(mark.contains(&&text[b.marker..b.marker + 3]), "{b:?}");
        }
    }

    /// Boxes pulldown-cmark reads that way however they are spaced: a tab
    /// between the brackets, tabs after the list marker; each marker
    /// points at its `[`, where a tick is written.
    #[test]
    fn boxes_spaced_with_tabs_count_and_point_at_their_bracket() {
        let text = "## Self-check\n- [\t] a tab inside\n-\t\t[ ] tabs before\n";
        let v = vault(&[("tabs.md", text)]);
        let note = &v.notes[0];
        let check = self_check(note, &SelfCheckHeadings::default()).unwrap();
        assert_eq!((check.ticked(), check.total()), (0, 2));
        for b in &check.boxes {
            assert_eq!(&note.text.as_bytes()[b.marker..b.marker + 1], b"[", "{b:?}");
            let ticked = crate::vault::write::edit_box(&note.text, b.marker, true).unwrap();
            assert_eq!(ticked.len(), note.text.len());
        }
    }

    #[test]
    fn a_plain_checklist_or_an_empty_section_is_no_self_check() {
        let v = vault(&[
            ("todo.md", "## Checklist\n- [ ] buy milk\n"),
            ("empty.md", "### Quick self-check\nNothing to tick yet.\n"),
            ("zh.md", "## 自测（3）\n- [x] 我能解释\n"),
            (
                "ja.md",
                "## セルフチェック (2)\n- [x] 説明できる\n- [x] 使える\n",
            ),
        ]);
        let headings = SelfCheckHeadings::default();
        let of = |path: &str| self_check(&v.notes[v.note_by_path(path).unwrap()], &headings);
        assert_eq!(of("todo.md"), None);
        assert_eq!(of("empty.md"), None);
        // A count in full-width parentheses is a count too.
        assert_eq!(of("zh.md").map(|c| (c.ticked(), c.total())), Some((1, 1)));
        let ja = of("ja.md").unwrap();
        assert!(ja.complete() && ja.total() == 2);
        // The list is a setting: a heading of the user's own counts.
        let mine = SelfCheckHeadings::new(&["Checklist"]);
        let todo = self_check(&v.notes[v.note_by_path("todo.md").unwrap()], &mine).unwrap();
        assert_eq!(todo.total(), 1);
    }
}
