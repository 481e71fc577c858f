//! What a review asks of a note: its own prompts, read from its body.
//! Pure: a note in, prompts out.
//!
//! In this order: the items of its self-check (`selfcheck.rs`), and the
//! questions it writes as `**Q:** question`, each with the `**A:** answer`
//! that follows it (on the next line or in the next paragraph); a note
//! with neither is asked about its headings: those with text of their own
//! under them (not the title, nor a section of links alone, such as
//! `### Prerequisites`).

use super::selfcheck::{self, SelfCheckHeadings};
use crate::vault::links::MARKDOWN_OPTIONS;
use crate::vault::pieces::events;
use crate::vault::Note;
use pulldown_cmark::{Event, Tag, TagEnd};

/// One thing a review asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// An item of the note's self-check ("I can explain …").
    Check(String),
    /// A question the note writes, with its answer where it gives one.
    Question {
        question: String,
        answer: Option<String>,
    },
    /// A heading of the note: recall what its section says.
    Heading(String),
}

impl Prompt {
    /// The answer to reveal, if any.
    pub fn answer(&self) -> Option<&str> {
        match self {
            Prompt::Question { answer, .. } => answer.as_deref(),
            _ => None,
        }
    }
}

/// `note`'s prompts (self-check items and questions, else headings);
/// empty when it has none of them.
pub fn prompts(note: &Note, headings: &SelfCheckHeadings) -> Vec<Prompt> {
    let mut out: Vec<Prompt> = selfcheck::self_check(note, headings)
        .map(|c| c.boxes.into_iter().map(|b| Prompt::Check(b.text)).collect())
        .unwrap_or_default();
    let mut walk = Walk::default();
    for (event, _) in events(note.body(), MARKDOWN_OPTIONS) {
        walk.event(event);
    }
    walk.finish_heading();
    walk.finish_question();
    out.extend(walk.questions);
    if out.is_empty() {
        let title = note.title.trim().to_lowercase();
        let kept = (walk.headings.into_iter())
            .filter(|(text, own)| *own && text.to_lowercase() != title)
            .filter(|(text, _)| !headings.matches(text))
            .map(|(text, _)| Prompt::Heading(text));
        out.extend(kept);
    }
    out
}

/// What is being read: a question or an answer's text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Question,
    Answer,
}

#[derive(Default)]
struct Walk {
    /// Text inside `**…**`, until it closes: a `Q:` or `A:` mark, or text.
    strong: Option<String>,
    /// Which part of the open question the text goes to.
    field: Option<Field>,
    open: Option<(String, Option<String>)>,
    questions: Vec<Prompt>,
    /// A heading's text while it is read.
    heading: Option<String>,
    /// Each heading, and whether text of its own (not a link's) follows it.
    headings: Vec<(String, bool)>,
    /// Inside a link: its text is not the section's own.
    links: usize,
}

impl Walk {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                self.finish_question();
                self.heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::Strong) if self.heading.is_none() => {
                self.strong = Some(String::new());
            }
            Event::End(TagEnd::Strong) => {
                if let Some(text) = self.strong.take() {
                    self.mark_or_text(&text);
                }
            }
            Event::Start(Tag::Link { .. }) => self.links += 1,
            Event::End(TagEnd::Link) => self.links = self.links.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            // A question or answer is one paragraph or list item.
            Event::End(TagEnd::Paragraph | TagEnd::Item) => self.field = None,
            _ => {}
        }
    }

    /// Text read: to the heading, the `**…**`, or the open question.
    fn text(&mut self, text: &str) {
        if let Some(h) = self.heading.as_mut() {
            h.push_str(text);
            return;
        }
        if let Some(s) = self.strong.as_mut() {
            s.push_str(text);
            return;
        }
        if self.links == 0 && !text.trim().is_empty() {
            if let Some(last) = self.headings.last_mut() {
                last.1 = true;
            }
        }
        self.push(text);
    }

    /// A `**Q:**` opens a question, an `**A:**` its answer; other strong
    /// text is text.
    fn mark_or_text(&mut self, text: &str) {
        let mark = text.trim().trim_end_matches(':').trim().to_lowercase();
        let marked = text.trim().ends_with(':');
        match mark.as_str() {
            "q" if marked => {
                self.finish_question();
                self.open = Some((String::new(), None));
                self.field = Some(Field::Question);
            }
            "a" if marked && self.open.is_some() => {
                if let Some((_, answer)) = self.open.as_mut() {
                    answer.get_or_insert_with(String::new);
                }
                self.field = Some(Field::Answer);
            }
            _ => {
                if let Some(last) = self.headings.last_mut() {
                    last.1 |= !text.trim().is_empty();
                }
                self.push(text);
            }
        }
    }

    fn push(&mut self, text: &str) {
        let (Some(field), Some((question, answer))) = (self.field, self.open.as_mut()) else {
            return;
        };
        match field {
            Field::Question => question.push_str(text),
            Field::Answer => answer.get_or_insert_with(String::new).push_str(text),
        }
    }

    fn finish_heading(&mut self) {
        if let Some(text) = self.heading.take() {
            let text = text.trim();
            if !text.is_empty() {
                self.headings.push((text.to_string(), false));
            }
        }
    }

    fn finish_question(&mut self) {
        self.field = None;
        let Some((question, answer)) = self.open.take() else {
            return;
        };
        let question = squeeze(&question);
        if question.is_empty() {
            return;
        }
        let answer = answer.map(|a| squeeze(&a)).filter(|a| !a.is_empty());
        self.questions.push(Prompt::Question { question, answer });
    }
}

/// `text` with its runs of white space made one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn of(text: &str) -> Vec<Prompt> {
        let v = vault(&[("n.md", text)]);
        prompts(&v.notes[0], &SelfCheckHeadings::default())
    }

    fn q(question: &str, answer: Option<&str>) -> Prompt {
        Prompt::Question {
            question: question.into(),
            answer: answer.map(Into::into),
        }
    }

    #[test]
    fn self_check_items_and_questions_with_their_answers() {
        let note = "# TCP\n\n## Quick self-check (2)\n- [x] I can explain the handshake\n\
            - [ ] I know why TIME_WAIT exists\n\n## Cards\n\
            **Q:** What opens a connection?\n**A:** SYN, SYN-ACK, ACK.\n\n\
            **Q:** Why *three* steps?\n\n**A:** Both sides pick a `sequence` number.\n\n\
            - **Q:** Unanswered?\n\n```\n**Q:** in code, not a question\n```\n";
        assert_eq!(
            of(note),
            [
                Prompt::Check("I can explain the handshake".into()),
                Prompt::Check("I know why TIME_WAIT exists".into()),
                q("What opens a connection?", Some("SYN, SYN-ACK, ACK.")),
                q(
                    "Why three steps?",
                    Some("Both sides pick a sequence number.")
                ),
                q("Unanswered?", None),
            ]
        );
        assert_eq!(of(note)[2].answer(), Some("SYN, SYN-ACK, ACK."));
    }

    #[test]
    fn without_either_the_headings_with_text_of_their_own() {
        let note = "---\ntitle: DNS\n---\n# DNS\n\n## TL;DR\n- Names to **addresses**.\n\n\
            ## Links\n### Prerequisites\n- [[udp]]\n- [TCP](tcp.md)\n\n## Pitfalls\nTTLs.\n";
        assert_eq!(
            of(note),
            [
                Prompt::Heading("TL;DR".into()),
                Prompt::Heading("Pitfalls".into())
            ]
        );
        assert!(of("just text\n").is_empty());
    }

    #[test]
    fn bold_text_that_is_no_mark_stays_text() {
        let note = "**Q:** Is **this** bold?\n**A:** **Yes:** it is.\n";
        assert_eq!(of(note), [q("Is this bold?", Some("Yes: it is."))]);
    }
}
