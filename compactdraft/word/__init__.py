"""All WordprocessingML: namespaces and elements, paragraph content, objects, notes, the tracked-changes
reader, the in-place writer and the redline writer. The .docx reader (parse/docx) and the Word
renderers (render/) use it; it imports nothing from the stages after diff."""
