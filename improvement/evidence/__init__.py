"""The evidence finder: each claim set beside the later public record on its theme and strand, nearest first,
with a proposed verdict and the reason for it.

- directions.py: which way one piece of evidence points (plain rules, testable on text);
- finder.py: the evidence for the claims of a self-evaluation;
- verdicts.py: the verdict that follows, and why;
- proposing.py: proposals stored as assessments, never over a person's verdict.
"""
