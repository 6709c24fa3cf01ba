"""A unit's follow-up as an Excel workbook: export it, fill it in offline, import it all-or-nothing.

`layout` says what the workbook looks like (shared by both directions), `export` writes it,
`reading` turns an uploaded file into rows, `importing` validates the rows with the follow-up
forms and saves them through the follow-up services in one transaction.
"""
