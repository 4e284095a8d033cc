"""Application check-ins: "Have you tried it at work?" with one-tap answers,
optional stories with consent, and curation of stories into feedback (P9)."""
