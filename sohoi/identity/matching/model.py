"""The matching model: Splink comparisons built for Vietnamese person records, the blocking rules that
choose the candidate pairs, and the words each comparison level is explained with.

Every comparison is made of Splink's own levels over the columns `prepare` computes, so that the same
settings run on DuckDB and on Spark. Term frequencies adjust the name levels: "Nguyễn Thị Lan" agreeing
is weaker evidence than "Triệu Thị Slim" agreeing. The given name is no comparison of its own: agreeing
whenever the names agree, it counted the same evidence twice (on bench/dedup.py's 50,000 records,
precision at 0.95 was 0.961 with it and is 0.995 without, recall 0.979 and 0.953).
"""

import splink.comparison_level_library as cll
from django.utils.translation import gettext_lazy as _
from splink import SettingsCreator, block_on
from splink import comparison_library as cl

# (output column, what it compares, [level words, most alike first, the null level last])
COMPARISONS = (
    (
        "name",
        _("Full name"),
        [
            _("the same name"),
            _("the same name but for its diacritics"),
            _("the same words in another order"),
            _("the same family and given name (a middle name dropped or added)"),
            _("the same family and given name, another middle name"),
            _("nearly the same name (a typing slip)"),
            _("a similar name"),
            _("different names"),
            _("a name missing"),
        ],
    ),
    (
        "dob",
        _("Date of birth"),
        [
            _("the same date of birth"),
            _("day and month swapped"),
            _("the same year of birth (the year alone on one side)"),
            _("the same year of birth, another day"),
            _("years of birth one apart"),
            _("different births"),
            _("a birth date missing"),
        ],
    ),
    (
        "cccd",
        _("CCCD number"),
        [
            _("the same CCCD"),
            _("CCCDs a digit apart (a typing slip)"),
            _("CCCDs two digits apart"),
            _("different CCCDs"),
            _("a CCCD missing"),
        ],
    ),
    ("commune", _("Commune"), [_("the same commune"), _("different communes"), _("a commune missing")]),
    ("sex", _("Sex"), [_("the same sex"), _("different sexes"), _("sex missing")]),
)


# Not a Splink comparison (most records have no CMND): the same old CMND where a CCCD is missing adds the
# weight of the same CCCD (score.py).
CMND_LABEL = _("CMND number")
SAME_CMND = _("the same old CMND")


# How often two records of one person give births more than a year apart (a year mistyped): fixed, not
# learnt, because EM trained on same-name pairs takes namesakes born decades apart for one person.
DIFFERENT_BIRTHS_M = 0.01


def _slip(column: str):
    """One character typed wrong, added, left out, or two swapped (Damerau–Levenshtein 1). Splink's level
    alone costs 3 s for every two million pairs on DuckDB (Levenshtein 0.4 s): asked only of the pairs
    that Levenshtein puts within 2, it costs the u estimation of 200,000 records 4 s less."""
    return cll.And(cll.LevenshteinLevel(column, 2), cll.DamerauLevenshteinLevel(column, 1))


def _comparisons() -> list:
    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("name_ascii"),
            cll.ExactMatchLevel("name").configure(tf_adjustment_column="name"),
            cll.ExactMatchLevel("name_ascii").configure(tf_adjustment_column="name_ascii"),
            cll.ExactMatchLevel("name_sorted").configure(tf_adjustment_column="name_sorted"),
            cll.CustomLevel(
                "name_short_l = name_short_r AND least(name_words_l, name_words_r) = 2", "middle name dropped"
            ).configure(tf_adjustment_column="name_short"),
            cll.ExactMatchLevel("name_short").configure(tf_adjustment_column="name_short"),
            _slip("name_ascii").configure(tf_adjustment_column="name_ascii"),
            cll.JaroWinklerLevel("name_ascii", 0.88),
            cll.ElseLevel(),
        ],
    )
    dob = cl.CustomComparison(
        output_column_name="dob",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("dob"),
            cll.CustomLevel("dob_l = dob_swapped_r", "day and month swapped"),
            cll.CustomLevel("birth_year_l = birth_year_r AND (dob_l IS NULL OR dob_r IS NULL)", "year alone"),
            cll.ExactMatchLevel("birth_year"),
            cll.AbsoluteDifferenceLevel("birth_year", 1),
            cll.ElseLevel().configure(m_probability=DIFFERENT_BIRTHS_M, fix_m_probability=True),
        ],
    )
    cccd = cl.CustomComparison(
        output_column_name="cccd",
        comparison_levels=[
            cll.NullLevel("cccd"),
            cll.ExactMatchLevel("cccd"),
            _slip("cccd"),
            cll.LevenshteinLevel("cccd", 2),
            cll.ElseLevel(),
        ],
    )
    commune = cl.ExactMatch("commune")
    sex = cl.ExactMatch("sex")
    return [name, dob, cccd, commune, sex]


BLOCKING = (
    ("cccd",),
    ("cmnd",),
    ("name_sorted", "commune"),
    ("name_sorted", "birth_year"),  # another commune
    ("dob", "commune"),  # two slips in the name
    ("birth_year", "commune", "family", "sex"),  # a slip in the given name, the year of birth alone
)


def settings(*, probability_two_random_records_match: float | None = None) -> SettingsCreator:
    extra = {}
    if probability_two_random_records_match is not None:
        extra["probability_two_random_records_match"] = probability_two_random_records_match
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=_comparisons(),
        blocking_rules_to_generate_predictions=[block_on(*columns) for columns in BLOCKING],
        retain_intermediate_calculation_columns=True,  # each comparison's match weight: the evidence
        retain_matching_columns=True,  # with each comparison's level (gamma)
        **extra,
    )


def level_words(comparison: str, gamma: int) -> str:
    """The words for a comparison's level (Splink's gamma: the null level is -1, the else level 0, the
    most alike level the highest)."""
    _name, _label, words = next(c for c in COMPARISONS if c[0] == comparison)
    if gamma < 0:
        return str(words[-1])
    levels = words[:-1]  # most alike first
    return str(levels[len(levels) - 1 - gamma])


def comparison_label(comparison: str) -> str:
    return str(next(c for c in COMPARISONS if c[0] == comparison)[1])
