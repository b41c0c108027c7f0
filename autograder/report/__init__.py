"""What the class got wrong: a self-contained HTML report with PNG figures.

Reads the gradebook (scores), the autograded notebooks (the judge's failure messages) and the
judge's timing log, and writes `report/index.html` (figures embedded, readable without a
server) plus `report/*.png`: the score distribution per notebook, the pass rate per exercise,
the most common failure messages per exercise, the slowest and crashing submissions, and the
students who need attention. `report/term.html` shows every assignment of the term together.

- `evidence`: what is read besides the gradebook (failure messages, the timing log's endings);
- `assignment`: one assignment's page; `term`: the term's page; `page`: what both pages share.
"""

from autograder.report.assignment import main, write_report
from autograder.report.evidence import failure_messages
from autograder.report.term import item_analysis, main_term, write_term_report

__all__ = ["failure_messages", "item_analysis", "main", "main_term", "write_report", "write_term_report"]
