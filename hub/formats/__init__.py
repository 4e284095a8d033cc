"""The hub's own date formats (FORMAT_MODULE_PATH). Only English differs from
Django's: learners read "3 December 2026", not "Dec. 3, 2026". Portuguese and
Spanish use Django's formats ("3 de dezembro de 2026")."""
