# mistake: picked the threshold with the best accuracy instead of the best F1
# core: yes
s = scores[inbound]
best_threshold = max(range(0, 201), key=lambda t: ((s >= t) == became_opp).mean())
