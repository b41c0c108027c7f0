"""Similarity leads: pairs of students whose solution cells share unusual code, ranked for an instructor to review.

Leads, never verdicts: two students may share code because they worked from the same lecture
example, a tutor or a hint. For each exercise, each student's solution cell is normalised (parsed,
docstrings and comments gone, every variable, argument and helper name the same `v`, numbers `0`
and strings `'s'`; attributes such as `np.sum` kept), fingerprinted by winnowing (copydetect's
k-grams and winnow), and the release's starter code and the reference solution are subtracted as
base code. Exercises whose reference is one short expression are skipped: their answers collide
by nature.

The n² pairs are never all compared. An inverted index maps each fingerprint to the students
whose cell has it; a fingerprint more than `max_share` of the class (and more than MAX_HOLDERS
students) has is an idiom and finds no pairs, so each fingerprint proposes at most MAX_HOLDERS²/2
pairs and the candidates grow with the class, not its square. Only pairs that share such rare
fingerprints in at least MIN_EXERCISES exercises are scored (on every exercise): one coincidence is
no lead.

A pair's evidence on an exercise is the share of the smaller cell found in the other, times
log(class size / students whose cell holds all of the shared fingerprints): about -log of the
chance that an honest student writes code this alike. The rarity is the shared code's as a whole,
not the mean of its fingerprints': a rare variant of a common answer has mostly common
fingerprints, and a mean drowned the few that make it rare. Evidence adds up over the exercises,
so a pair alike on many exercises ranks above one alike on a single long one.

- `normalise`: code as compared (canonical names and literals, fingerprints);
- `reading`: the class's solution cells and the base code; `ranking`: pairs and their evidence;
- `page`: the leads as HTML.
"""

from __future__ import annotations

from pathlib import Path

from autograder._exceptions import CourseError
from autograder.similarity.normalise import fingerprints, normalise
from autograder.similarity.page import html_section, write_html
from autograder.similarity.ranking import Lead, SimilarityReport, compare_class
from autograder.similarity.reading import ClassCode, Exercise, anonymised, read_base, read_class

__all__ = ["ClassCode", "Exercise", "Lead", "SimilarityReport", "anonymised", "compare_class", "fingerprints",
           "html_section", "main", "normalise", "read_base", "read_class", "write_html"]


def main(course: Path, assignment: str, output: Path, force: bool = False, *, top: int = 20,
         anonymise: bool = False) -> SimilarityReport:
    """Compares the class's solution cells and writes the leads page to `output` (HTML); returns the leads.

    top: leads shown with their code; anonymise: pseudonyms instead of student ids.
    """
    if output.exists() and not force:
        raise CourseError(f"{output} exists; pass --force to overwrite it.")
    course = course.resolve()
    code = read_class(course, assignment)
    if anonymise:
        from autograder.anonymise import pseudonyms

        code = anonymised(code, pseudonyms(course, code.code))
    result = compare_class(code)
    write_html(result, code, output, f"{assignment}: similarity leads", top)
    return result
