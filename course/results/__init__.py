"""Results of a grading run: the gradebook (the lecturer's edits survive), the spreadsheet, feedback and summary pages, report texts."""
