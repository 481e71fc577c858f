//! Fonts for every script the machine can draw. egui bundles fonts for
//! Latin, Greek and Cyrillic only; here the system's fonts (found with
//! fontdb) become fallbacks behind egui's own, one per script that egui's
//! fonts lack. They are found and read on a thread of their own, so the
//! window opens as fast as before; text in those scripts shows a few frames
//! later.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;
use std::time::Instant;

/// A writing system (or symbol block) that may need a font of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Tamil,
    Thai,
    Georgian,
    Hangul,
    /// Chinese characters and Japanese kana.
    Cjk,
    Punctuation,
    Arrows,
    Maths,
    Symbols,
}

impl Script {
    pub const ALL: [Script; 17] = [
        Script::Latin,
        Script::Greek,
        Script::Cyrillic,
        Script::Armenian,
        Script::Hebrew,
        Script::Arabic,
        Script::Devanagari,
        Script::Bengali,
        Script::Tamil,
        Script::Thai,
        Script::Georgian,
        Script::Hangul,
        Script::Cjk,
        Script::Punctuation,
        Script::Arrows,
        Script::Maths,
        Script::Symbols,
    ];

    /// Characters a font must have to count as covering the script.
    fn samples(self) -> &'static [char] {
        match self {
            Script::Latin => &['a', 'é'],
            Script::Greek => &['Ω', 'λ'],
            Script::Cyrillic => &['Ж', 'я'],
            Script::Armenian => &['Ա', 'ա'],
            Script::Hebrew => &['א', 'ש'],
            Script::Arabic => &['ع', 'ب'],
            Script::Devanagari => &['क', 'ि'],
            Script::Bengali => &['ক', 'া'],
            Script::Tamil => &['க', 'ா'],
            Script::Thai => &['ก', 'า'],
            Script::Georgian => &['ა', 'ბ'],
            Script::Hangul => &['한', '글'],
            Script::Cjk => &['中', '文', 'あ', 'ア'],
            Script::Punctuation => &['›', '…', '—'],
            Script::Arrows => &['→', '⇒'],
            Script::Maths => &['∑', '≤', '∞'],
            Script::Symbols => &['✓', '★'],
        }
    }

    pub fn of(c: char) -> Option<Script> {
        Some(match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F => Script::Cyrillic,
            0x530..=0x58F => Script::Armenian,
            0x590..=0x5FF => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x900..=0x97F => Script::Devanagari,
            0x980..=0x9FF => Script::Bengali,
            0xB80..=0xBFF => Script::Tamil,
            0xE00..=0xE7F => Script::Thai,
            0x10A0..=0x10FF => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x2E80..=0x2FDF
            | 0x3000..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFFEF
            | 0x20000..=0x2FA1F => Script::Cjk,
            0x2000..=0x206F => Script::Punctuation,
            0x2190..=0x21FF | 0x27F0..=0x27FF | 0x2900..=0x297F => Script::Arrows,
            0x2200..=0x22FF | 0x2A00..=0x2AFF => Script::Maths,
            0x2600..=0x27BF => Script::Symbols,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Armenian => "Armenian",
            Script::Hebrew => "Hebrew",
            Script::Arabic => "Arabic",
            Script::Devanagari => "Devanagari",
            Script::Bengali => "Bengali",
            Script::Tamil => "Tamil",
            Script::Thai => "Thai",
            Script::Georgian => "Georgian",
            Script::Hangul => "Hangul",
            Script::Cjk => "CJK",
            Script::Punctuation => "punctuation",
            Script::Arrows => "arrow",
            Script::Maths => "maths",
            Script::Symbols => "symbol",
        }
    }

    /// A font family to suggest when none installed has the script.
    fn suggestion(self) -> &'static str {
        match self {
            Script::Cjk | Script::Hangul => "Noto Sans CJK (fonts-noto-cjk)",
            Script::Arrows | Script::Maths | Script::Symbols | Script::Punctuation => {
                "DejaVu Sans (fonts-dejavu)"
            }
            _ => "the Noto Sans fonts (fonts-noto-core)",
        }
    }
}

/// The scripts used in `text` (a bitset over `Script::ALL`). ASCII is
/// skipped byte by byte, so a Latin vault costs one pass over its bytes.
pub fn scripts_in(text: &str, into: &mut ScriptSet) {
    if text.is_ascii() {
        return;
    }
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if let Some(s) = Script::of(c) {
            into.0 |= 1 << s as u32;
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptSet(u32);

impl ScriptSet {
    pub fn contains(self, s: Script) -> bool {
        self.0 & (1 << s as u32) != 0
    }

    pub fn insert(&mut self, s: Script) {
        self.0 |= 1 << s as u32;
    }

    pub fn iter(self) -> impl Iterator<Item = Script> {
        Script::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

/// Which of `Script::ALL` a font covers.
fn coverage(data: &[u8], index: u32) -> ScriptSet {
    let mut set = ScriptSet::default();
    if let Ok(face) = ttf_parser::Face::parse(data, index) {
        for s in Script::ALL {
            if s.samples().iter().all(|&c| face.glyph_index(c).is_some()) {
                set.insert(s);
            }
        }
    }
    set
}

/// A system face that covers scripts egui's fonts lack.
pub struct Fallback {
    pub family: String,
    pub data: Vec<u8>,
    pub index: u32,
}

/// What the font thread found.
pub struct FoundFonts {
    pub fallbacks: Vec<Fallback>,
    /// Scripts that egui's fonts or a fallback can draw.
    pub covered: ScriptSet,
    pub faces: usize,
    pub ms: f64,
}

/// Scripts egui's bundled fonts draw.
fn builtin_coverage() -> ScriptSet {
    let mut set = ScriptSet::default();
    for data in FontDefinitions::default().font_data.values() {
        set.0 |= coverage(&data.font, data.index).0;
    }
    set
}

/// Regular upright faces first, sans before serif, Noto and DejaVu (made
/// to cover many scripts evenly) before the rest; then by name, so that the
/// same machine always gives the same choice.
fn preference(face: &fontdb::FaceInfo) -> (u8, u16, String) {
    let family = face.families.first().map_or("", |(f, _)| f.as_str());
    let lower = family.to_lowercase();
    let kind = if lower.contains("noto sans") || lower.contains("dejavu sans") {
        0
    } else if lower.contains("serif") || face.monospaced {
        2
    } else {
        1
    };
    let weight = face.weight.0.abs_diff(400);
    (kind, weight, family.to_string())
}

/// Picks one face per script that `have` lacks, most preferred first.
fn choose(db: &fontdb::Database, mut have: ScriptSet) -> (Vec<fontdb::ID>, ScriptSet) {
    let mut faces: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| f.style == fontdb::Style::Normal)
        .collect();
    faces.sort_by_cached_key(|f| preference(f));
    // Coverage is read once per face, and only for faces we get to.
    let mut known: Vec<Option<ScriptSet>> = vec![None; faces.len()];
    let mut chosen = Vec::new();
    for script in Script::ALL {
        if have.contains(script) {
            continue;
        }
        for (i, face) in faces.iter().enumerate() {
            let covers = *known[i]
                .get_or_insert_with(|| db.with_face_data(face.id, coverage).unwrap_or_default());
            if covers.contains(script) {
                have.0 |= covers.0;
                chosen.push(face.id);
                break;
            }
        }
    }
    (chosen, have)
}

/// Loads the system's fonts and reads the chosen fallbacks (seconds on a
/// machine with thousands of fonts: run it off the UI thread).
pub fn find_system_fallbacks() -> FoundFonts {
    let started = Instant::now();
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let (chosen, covered) = choose(&db, builtin_coverage());
    let fallbacks = chosen
        .into_iter()
        .filter_map(|id| {
            let family = db.face(id)?.families.first()?.0.clone();
            let (data, index) = db.with_face_data(id, |data, index| (data.to_vec(), index))?;
            Some(Fallback {
                family,
                data,
                index,
            })
        })
        .collect();
    FoundFonts {
        fallbacks,
        covered,
        faces: db.len(),
        ms: started.elapsed().as_secs_f64() * 1000.0,
    }
}

/// egui's fonts with `fallbacks` after them, in both families.
pub fn definitions(fallbacks: Vec<Fallback>) -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    for f in fallbacks {
        let name = format!("system: {} #{}", f.family, f.index);
        let data = FontData {
            index: f.index,
            ..FontData::from_owned(f.data)
        };
        defs.font_data.insert(name.clone(), Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families.entry(family).or_default().push(name.clone());
        }
    }
    defs
}

/// The font thread, and what it found once done.
#[derive(Default)]
pub struct SystemFonts {
    pending: Option<Receiver<FoundFonts>>,
    covered: Option<ScriptSet>,
    /// The load the missing-script notice was last worked out for.
    noticed: Option<u64>,
}

impl SystemFonts {
    pub fn start() -> SystemFonts {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("notegraph-fonts".into())
            .spawn(move || {
                let _ = tx.send(find_system_fallbacks());
            })
            .expect("spawn the font thread");
        SystemFonts {
            pending: Some(rx),
            ..Default::default()
        }
    }

    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The notice for the scripts `used` by load `generation`, when it is
    /// new: once per load, after the fonts are known.
    pub fn notice(&mut self, generation: u64, used: ScriptSet) -> Option<Option<String>> {
        let covered = self.covered?;
        if self.noticed == Some(generation) {
            return None;
        }
        self.noticed = Some(generation);
        Some(missing_notice(used, covered))
    }

    /// Installs the fallbacks when the thread is done; returns what it
    /// found (once).
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(usize, usize, f64)> {
        let found = match self.pending.as_ref()?.try_recv() {
            Ok(found) => found,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                return None;
            }
        };
        self.pending = None;
        self.covered = Some(found.covered);
        let summary = (found.faces, found.fallbacks.len(), found.ms);
        ctx.set_fonts(definitions(found.fallbacks));
        Some(summary)
    }
}

/// What to tell the user about scripts in `used` that no font draws.
pub fn missing_notice(used: ScriptSet, covered: ScriptSet) -> Option<String> {
    let missing: Vec<Script> = used.iter().filter(|s| !covered.contains(*s)).collect();
    let first = *missing.first()?;
    let names: Vec<&str> = missing.iter().map(|s| s.name()).collect();
    Some(format!(
        "Some text needs a {} font; install {}",
        names.join(", "),
        first.suggestion()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> ScriptSet {
        let mut s = ScriptSet::default();
        scripts_in(text, &mut s);
        s
    }

    #[test]
    fn scripts_are_told_apart_by_their_characters() {
        assert_eq!(set("plain ascii"), ScriptSet::default());
        let mixed = set("分布式 → Ж ∑ ✓ مرحبا שלום 한국");
        for s in [
            Script::Cjk,
            Script::Arrows,
            Script::Cyrillic,
            Script::Maths,
            Script::Symbols,
            Script::Arabic,
            Script::Hebrew,
            Script::Hangul,
        ] {
            assert!(mixed.contains(s), "{s:?}");
        }
        assert!(!mixed.contains(Script::Thai));
    }

    #[test]
    fn egui_fonts_draw_latin_and_cyrillic_but_not_chinese() {
        let builtin = builtin_coverage();
        assert!(builtin.contains(Script::Latin));
        assert!(builtin.contains(Script::Cyrillic));
        assert!(!builtin.contains(Script::Cjk));
    }

    #[test]
    fn the_notice_names_what_is_missing_and_what_to_install() {
        let used = set("中文 and → arrows");
        let mut covered = builtin_coverage();
        covered.insert(Script::Arrows);
        let notice = missing_notice(used, covered).unwrap();
        assert!(notice.contains("CJK"), "{notice}");
        assert!(notice.contains("Noto Sans CJK"), "{notice}");
        assert!(!notice.contains("arrow"), "{notice}");
        covered.insert(Script::Cjk);
        assert_eq!(missing_notice(used, covered), None);
    }
}
