"""Message builders for the notice kinds the community app sends."""
