"""gongkai: deadlines and obligations of Shanghai's 2021 政务公开工作要点."""

__version__ = "0.1.0"
