"""perfcheck: audit budget performance goals (预算绩效目标) and their indicators."""
__version__ = "0.3.0"
