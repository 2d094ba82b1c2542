"""Finding the same person across the registers, in stages that run one way:

    prepare ──► score ──► propose
    prepare.py  score.py  propose.py

- `prepare`: person records as rows of comparable columns (folded names, the name's words sorted, the
  name without its middle words, birth date and year, a day/month swap, the CCCD restored, the commune
  as it is since the 2025 reorganisation).
- `score`: Splink (Fellegi–Sunter, trained unsupervised by EM) on DuckDB — or on Spark for a national
  run — with the comparisons of `model.py`; the CCCD veto; clusters.
- `propose`: the pairs above the lower threshold become CandidatePairs: above the upper one proposed for
  merging, between the two for review; a pair a reviewer rejected is never proposed again.
"""
