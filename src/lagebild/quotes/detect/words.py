"""Closed word lists the quote rules consult (pronouns, correlates, copulas, frame adverbs, Konjunktiv II
forms, temporal nouns): linguistic knowledge kept as code, next to the rules that read it."""

NOM_PRONOUNS = {"er", "sie", "es", "wir", "ich", "du", "ihr", "man"}
DAT_PRONOUNS = {"mir", "dir", "ihm", "uns", "euch", "ihnen"}
CORRELATES = {"darauf", "davon", "dafür", "damit", "daran", "darüber", "dazu", "davor", "darum", "daraus", "dagegen", "hierzu"}
COPULAS = {"sein", "zeigen", "geben", "bleiben", "werden", "halten"}
SO_WORDS = {"so"}
RELATIVES = {"der", "die", "das", "welcher", "welche", "welches", "denen", "dem", "den", "deren", "dessen"}
DEFINITE = {"der", "die", "das", "dem", "den", "des"}
COORDINATORS = {"und", "aber", "sowie", "doch", "sondern", "jedoch"}
FRAME_ADVERBS = {"auch", "weiter", "weiterhin", "zudem", "außerdem", "nun", "jetzt", "dazu", "später", "zuvor", "ferner",
                 "jedoch", "aber", "allerdings", "indes", "dagegen", "hingegen", "daraufhin", "abschließend", "ebenfalls",
                 "noch", "bereits", "schon", "heute", "gestern", "am", "erneut", "mehrfach", "wiederholt", "damals"}
KONJ2 = {"wäre", "wären", "wärest", "wärst", "wäret", "hätte", "hätten", "hättest", "hättet", "würde", "würden", "würdest",
         "könnte", "könnten", "müsste", "müssten", "müßte", "müßten", "dürfte", "dürften", "möchte", "möchten", "gäbe",
         "gäben", "käme", "kämen", "ginge", "stünde", "stünden", "stände", "bliebe", "läge", "lägen", "sähe", "nähme",
         "fände", "hielte", "ließe", "wüsste", "wüssten", "bräuchte", "täte", "sollte", "sollten", "wollte", "wollten"}
TEMPORAL = {"zeit", "jahr", "woche", "tag", "monat", "uhr", "ende", "anfang", "mitte", "abend", "morgen", "nacht", "mittag",
            "vormittag", "nachmittag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
            "sonntag", "wochenende", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
            "oktober", "november", "dezember", "frühjahr", "sommer", "herbst", "winter", "vorjahr", "vormonat", "vorwoche",
            "stunde", "minute", "sekunde", "quartal", "halbjahr", "jahrzehnt", "jahrhundert", "zeitpunkt"}

