"""Every write about people and organisations, one module per concern (accounts,
organisations, memberships, invitations). Keyword-only, atomic; e-mail goes out after commit."""
