//! References: Council documents, EUCO, COM and JOIN documents, URLs, normalised.
