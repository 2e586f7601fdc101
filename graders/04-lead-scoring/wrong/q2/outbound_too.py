# mistake: counted outbound leads too, though they never pass through the MQL stage
n_mql = int((scores >= 70).sum())
