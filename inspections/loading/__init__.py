"""Records (from inspections.importing) into the database: in a transaction, idempotent, sourced."""
