"""Booster models. Page models live in ``pages``; they are imported here for Django."""

from boosters.pages import BoosterChoice, BoosterQuestionPage, BoosterQuestionPageTag

__all__ = ["BoosterChoice", "BoosterQuestionPage", "BoosterQuestionPageTag"]
