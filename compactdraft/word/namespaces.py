"""Every namespace and relationship type of a Word package, defined once."""
from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DC_NS = "http://purl.org/dc/elements/1.1/"

W = f"{{{W_NS}}}"
M = f"{{{M_NS}}}"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
XML_SPACE = f"{{{XML_NS}}}space"
DC_TITLE = f"{{{DC_NS}}}title"

REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = REL_TYPE + "officeDocument"
