//! HTML5 tokenizing for reading gloss's own output (the links and ids verify checks,
//! the text content the annotation export counts in): html5gum's tokenizer without its
//! check of every character for parse errors, which nobody reads here and which cost
//! a twentieth of a build.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

/// `emitter`, telling the tokenizer that parse errors are not wanted.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Reads `html` to its end, handing every event to `callback` as the tokenizer meets
/// it (nothing is copied that the callback does not copy), with no parse errors, and
/// with script and style contents read as text, as a browser reads them.
pub(crate) fn read(html: &str, callback: impl FnMut(CallbackEvent<'_>, Span<()>) -> Option<()>) {
    let mut emitter = CallbackEmitter::new(callback);
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, Quiet(emitter)).for_each(drop);
}
