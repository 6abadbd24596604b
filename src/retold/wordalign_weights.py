"""Weights of the untranslated-word model in ``retold.wordalign``.

Written by ``python -m bench.train_wordalign`` (WMT23 MQM news, dev half of the documents,
en→de and zh→en): do not edit by hand. Features: ``retold.wordalign.FEATURES``.
"""

import numpy as np

# 2003 items, 1203 of 61251 words marked omitted.
# 2-fold CV by document, each script group at its threshold, extend 1.0: span P 0.421 R 0.276 F1 0.333
FEATURE_MEAN = np.array([-0.011392, 0.043268, 0.050949, 0.537634, 0.660316, 0.041899, 0.044637, 0.281337, 0.914415, 0.032457, 0.660296, 0.06123, 0.608872, 7.27763, 0.470615])
FEATURE_SCALE = np.array([0.710559, 0.474808, 0.279685, 0.242546, 0.473602, 0.475956, 0.473653, 0.359237, 0.617504, 0.177209, 0.097864, 0.197485, 0.488003, 2.371249, 0.286597])
WEIGHTS = np.array([-0.203044, -0.157235, -0.074409, -0.231442, -0.468134, -0.514655, -0.503887, -0.049457, 0.542469, -0.007223, -0.509504, -0.39265, 0.038105, -0.22039, -0.013754])
INTERCEPT = -5.397093
THRESHOLDS = {'spaced': 0.55, 'unspaced': 0.35}  # by retold.wordalign.script_group
EXTEND = 1.0
