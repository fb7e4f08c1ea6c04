"""English dates in the same long style as Django's Dutch ones ("1 December 2026" beside
"1 december 2026", not Django's American default "Dec. 1, 2026"); see ``FORMAT_MODULE_PATH``."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
