"""Small inline NER samples shared by the entity tests."""

GERMEVAL = """#\thttp://example.org/a\t[2010-01-01]
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tund\tO\tO
4\tdie\tO\tO
5\tdeutschen\tB-LOCderiv\tO
6\tSPD-Politiker\tB-ORGpart\tO
7\tim\tO\tO
8\tBundestag\tB-ORG\tO
9\tzu\tO\tO
10\tBerlin\tB-LOC\tO
11\t:\tO\tO
12\t"\tO\tO
13\tEcce\tB-OTH\tO
14\thomo\tI-OTH\tO
15\t"\tO\tO

1\tBank\tB-ORG\tO
2\tof\tI-ORG\tO
3\tEngland\tI-ORG\tB-LOC
"""

EUROPARL = """Herr\tHerr\tNN\tI-NC\tO
Prodi\tProdi\tNE\tI-NC\tI-PER
besucht\tbesuchen\tVVFIN\tI-VC\tO
die\td\tART\tI-NC\tO
europäischen\teuropäisch\tADJA\tI-NC\tI-MISC
Institutionen\tInstitution\tNN\tI-NC\tO
in\tin\tAPPR\tI-PC\tO
Paris\tParis\tNE\tI-PC\tI-LOC
Berlin\tBerlin\tNE\tI-PC\tB-LOC
.\t.\t$.\tO\tO

Die\td\tART\tI-NC\tO
Europäische\teuropäisch\tADJA\tI-NC\tI-ORG
Kommission\tKommission\tNN\tI-NC\tI-ORG
"""
