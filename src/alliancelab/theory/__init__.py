"""Theory models, one module per theory (balancing, management, burden, deterrence, landscape, ...).

Kept empty on purpose: import the module you need (``from alliancelab.theory import landscape``) so
that importing the package does not compile or load anything heavy.
"""
