"""One layer for Chinese government text: folding, numerals, dates, identifiers and catalog labels.

Pure functions without models, shared by the importer, the minutes parser, 智能问答 and search.
Each recogniser names in its docstring what it recognises; they all match on a folded view that
keeps character positions (`fold.fold`), so what they return can be cut from the text as shown.
"""
