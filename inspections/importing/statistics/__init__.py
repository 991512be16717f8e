"""Reading Ofsted's and the DfE's statistics files and the authority lookups: rows in, records out."""
