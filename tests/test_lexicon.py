"""The phrase matcher finds the same first words as peeling every clitic would."""

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.clitics import ARTICLE_PREFIXES, PROCLITICS, stems
from khabar.lexicon import PhraseMatcher, match_key, match_keys
from khabar.tokens import tokenize
from khabar.wordlists import protected_words

NAMES = ["بوتين", "البيت الأبيض", "لقاء", "الكرملين", "ري", "كيم جونغ أون", "الأمم المتحدة"]
MATCHER = PhraseMatcher((name, name) for name in NAMES)
PREFIXES = sorted(PROCLITICS | set(ARTICLE_PREFIXES) | {"لل", "ول", "ولل"})
WORDS = ["بوتين", "البيت", "لقاء", "اللقاء", "الكرملين", "ري", "كيم", "الامم", "بيت", "وزير", "قال"]


@settings(max_examples=200)
@given(prefix=st.sampled_from(PREFIXES), word=st.sampled_from(WORDS))
def test_first_words_are_those_stems_reach(prefix, word):
    key = match_key(prefix + word)
    trie = MATCHER._trie
    every = (key, *stems(key, protected=protected_words(), function_words=trie.keys()))
    assert MATCHER._root_keys(key) == tuple(f for f in every if f in trie)


def test_names_are_found_through_clitics():
    text = "قال لبوتين وللبيت الأبيض: وبالأمم المتحدة ولري"
    tokens = tokenize(text)
    found = [m.value for m in MATCHER.find(tokens, text)]
    assert found == ["بوتين", "البيت الأبيض", "الأمم المتحدة", "ري"]
    assert MATCHER.find(tokens, text, keys=match_keys(tokens)) == MATCHER.find(tokens, text)
