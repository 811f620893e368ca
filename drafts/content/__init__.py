"""The authored text of the sample series: the sources, the zero draft and each round's edits.

Nothing here is generated; drafts/generate.py turns it into .docx files, series.toml and truth.json.
"""
