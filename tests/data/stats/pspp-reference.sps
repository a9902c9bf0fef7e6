* SPDX-License-Identifier: GPL-3.0-or-later.
* Reference figures from GNU PSPP for tests/core/test-stats.c.
* Run from this directory (Debian 12: pspp 1.6.2):
*   pspp -o pspp-reference.txt -O format=txt pspp-reference.sps
* The output is committed as pspp-reference.txt; the C test hard-codes its printed figures.

* Print more digits than the defaults (F8.2 for most figures, F40.3 for p-values) so that the
* test can hold Likert to them: 6 decimals everywhere.
SET FORMAT=F20.6.
OUTPUT MODIFY
  /SELECT TABLES
  /TABLECELLS SELECT=[SIGNIFICANCE] FORMAT=F20.6.

* Part 1: the 60 answers of pspp-reference.csv (made by make-pspp-reference.py).
GET DATA
  /TYPE=TXT
  /FILE='pspp-reference.csv'
  /ARRANGEMENT=DELIMITED
  /DELIMITERS=','
  /FIRSTCASE=2
  /VARIABLES=id F4.0 segment A1 rating F1.0.

* A numeric segment for NPAR TESTS: a = 1, b = 2, c = 3.
AUTORECODE VARIABLES=segment /INTO segnum.

FREQUENCIES VARIABLES=rating
  /FORMAT=NOTABLE
  /STATISTICS=MEAN MEDIAN STDDEV SEMEAN.

EXAMINE VARIABLES=rating
  /STATISTICS=DESCRIPTIVES.

CROSSTABS /TABLES=rating BY segnum
  /STATISTICS=CHISQ PHI.

NPAR TESTS /K-W=rating BY segnum(1,3).

* Part 2: Agresti (2007), An Introduction to Categorical Data Analysis, 2nd ed., Table 2.5:
* party identification by gender.
DATA LIST LIST /gender (F1.0) party (F1.0) count (F4.0).
BEGIN DATA
1 1 762
1 2 327
1 3 468
2 1 484
2 2 239
2 3 477
END DATA.
VALUE LABELS gender 1 'Females' 2 'Males'
  /party 1 'Democrat' 2 'Independent' 3 'Republican'.
WEIGHT BY count.
CROSSTABS /TABLES=gender BY party
  /STATISTICS=CHISQ PHI.

* Part 3: Conover (1999), Practical Nonparametric Statistics, 3rd ed., Example 5.2.1:
* corn yields under four methods, with ties.
DATA LIST LIST /method (F1.0) yield (F3.0).
BEGIN DATA
1 83
1 91
1 94
1 89
1 89
1 96
1 91
1 92
1 90
2 91
2 90
2 81
2 83
2 84
2 83
2 88
2 91
2 89
2 84
3 101
3 100
3 91
3 93
3 96
3 95
3 94
4 78
4 82
4 81
4 77
4 79
4 81
4 80
4 81
END DATA.
NPAR TESTS /K-W=yield BY method(1,4).
