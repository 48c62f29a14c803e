-- one database per service that keeps state
create database paygate_order;
create database paygate_payment;
create database paygate_fulfillment;
