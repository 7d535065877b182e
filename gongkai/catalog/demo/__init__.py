"""The demo district 青禾区 of the fictional 云川市: `plan` it from a seed, `write` it, or `generate` both."""
