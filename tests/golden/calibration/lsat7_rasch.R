# Reference for crates/assess-core/src/irt/calibrate/tests.rs
# (lsat7_1pl_agrees_with_conditional_maximum_likelihood): Rasch item
# difficulties of LSAT7 by conditional maximum likelihood, R package eRm
# (Debian: apt-get install r-cran-erm; measured with eRm 1.0.2).
# LSAT7: Bock & Lieberman (1970), the 32 patterns (item 1 first) and their
# frequencies as in R mirt's LSAT7 data set.
# Run: Rscript tests/golden/calibration/lsat7_rasch.R
library(eRm)
freq <- c(12, 19, 1, 7, 3, 19, 3, 17, 10, 5, 3, 7, 7, 23, 8, 28, 7, 39, 11, 34, 14, 51, 15, 90, 6, 25, 7, 35, 18, 136, 32, 308)
pat <- t(sapply(0:31, function(p) as.integer(intToBits(p))[5:1]))
x <- pat[rep(1:32, freq), ]
m <- RM(x, sum0 = TRUE)
cat(sprintf("%.10f", -m$betapar), sep = "\n")
cat(sprintf("se %.10f", m$se.beta), sep = "\n")
