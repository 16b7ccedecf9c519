"""The data model: frozen dataclasses and enums, each enum carrying its Chinese label once.

May import: the standard library only. Everything else in gongkai may import it.
"""
